package org.elfmap.deps;

/**
 * How a loader came to an object: the search step that found it, in the loader's own words
 * (glibc {@code elf/dl-load.c} {@code _dl_map_object}; musl {@code ldso/dynlink.c}
 * {@code load_library}).
 */
public enum Via {
    /** The program given on the command line. */
    PROGRAM("program"),
    /** The library given on the command line, opened by path as {@code dlopen} and {@code ldd} open it. */
    OPENED("opened by path"),
    /** The program's PT_INTERP, mapped by the kernel. */
    INTERPRETER("PT_INTERP"),
    /** A DT_NEEDED name containing '/': opened as a path, no search. */
    PATH("path"),
    RPATH("rpath"),
    LD_LIBRARY_PATH("LD_LIBRARY_PATH"),
    RUNPATH("runpath"),
    LD_SO_CACHE("ld.so.cache"),
    DEFAULT_DIR("default dir"),
    /** musl's {@code /etc/ld-musl-ARCH.path}. */
    MUSL_PATH_FILE("ld-musl path file"),
    /** musl's libc.so is its dynamic linker: libc, libm, libpthread... all name it. */
    LIBC_ITSELF("musl libc itself");

    private final String label;

    Via(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
