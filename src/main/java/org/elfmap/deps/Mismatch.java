package org.elfmap.deps;

/**
 * Why a file cannot join a process of another kind ({@link ElfTarget#mismatch}): glibc's
 * {@code open_verify} ({@code elf/dl-load.c}) skips it and searches on; musl's
 * {@code map_library} fails on it.
 */
public sealed interface Mismatch {
    /** Another {@code EI_CLASS} (32 against 64 bits). */
    record ElfClass(int elfClass) implements Mismatch {
    }

    /** Another byte order ({@code little} or {@code big}). */
    record Endian(String endian) implements Mismatch {
    }

    /** Another {@code e_machine}. */
    record Machine(int machine) implements Mismatch {
    }
}
