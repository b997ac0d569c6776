package org.elfmap.elf;

import java.util.List;
import java.util.Optional;

/**
 * What the loaders read from PT_DYNAMIC (gABI "Dynamic Section"): the names that drive dependency
 * resolution and the flags that say what kind of object this is.
 */
public record DynamicInfo(
        List<String> needed,
        Optional<String> soname,
        Optional<String> rpath,
        Optional<String> runpath,
        long flags,
        long flags1,
        boolean textrel) {

    public static final long DT_NULL = 0;
    public static final long DT_NEEDED = 1;
    public static final long DT_STRTAB = 5;
    public static final long DT_STRSZ = 10;
    public static final long DT_SONAME = 14;
    public static final long DT_RPATH = 15;
    public static final long DT_TEXTREL = 22;
    public static final long DT_FLAGS = 30;
    public static final long DT_RUNPATH = 29;
    public static final long DT_FLAGS_1 = 0x6ffffffbL;

    public static final long DF_TEXTREL = 0x4;
    public static final long DF_1_PIE = 0x08000000L;

    public static final DynamicInfo NONE =
            new DynamicInfo(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, false);

    public boolean isPie() {
        return (flags1 & DF_1_PIE) != 0;
    }
}
