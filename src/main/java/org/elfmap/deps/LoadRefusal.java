package org.elfmap.deps;

/**
 * Why a loader refuses a file it found and opened: a fatal error, the loading stops
 * ({@code _dl_signal_error}). glibc's {@code _dl_map_object_from_fd} ({@code elf/dl-load.c}), for
 * any object not opened as the main program.
 */
public enum LoadRefusal {
    /** An ET_EXEC file: "cannot dynamically load executable". */
    EXECUTABLE,
    /** A PIE ({@code DF_1_PIE}): "cannot dynamically load position-independent executable". */
    PIE
}
