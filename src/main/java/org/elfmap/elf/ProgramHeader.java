package org.elfmap.elf;

/**
 * One program header as the file holds it (gABI "Program Header"). {@code index} is its position
 * in the table, the number {@code readelf -l} prints in "Section to Segment mapping".
 */
public record ProgramHeader(
        int index, int type, int flags, long offset, long vaddr, long paddr, long filesz, long memsz,
        long align) {

    public static final int PT_NULL = 0;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_NOTE = 4;
    public static final int PT_SHLIB = 5;
    public static final int PT_PHDR = 6;
    public static final int PT_TLS = 7;
    public static final int PT_GNU_EH_FRAME = 0x6474e550;
    public static final int PT_GNU_STACK = 0x6474e551;
    public static final int PT_GNU_RELRO = 0x6474e552;
    public static final int PT_GNU_PROPERTY = 0x6474e553;
    public static final int PT_GNU_SFRAME = 0x6474e554;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean readable() {
        return (flags & PF_R) != 0;
    }

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    public boolean executable() {
        return (flags & PF_X) != 0;
    }

    /**
     * gABI: "Values 0 and 1 mean no alignment is required. Otherwise, p_align should be a
     * positive, integral power of 2": true for 0, 1 and any power of two, read unsigned. bionic's
     * test, {@code (p_align & (p_align - 1)) == 0} ({@code CheckProgramHeaderAlignment},
     * {@code linker/linker_phdr.cpp}).
     */
    public boolean alignIsPowerOfTwo() {
        return (align & (align - 1)) == 0;
    }

    /** {@code p_vaddr + p_filesz}: the loaders' "dataend". Unsigned overflow is checked by the reader. */
    public long fileEndVaddr() {
        return vaddr + filesz;
    }

    /** {@code p_vaddr + p_memsz}: the loaders' "allocend". */
    public long memEndVaddr() {
        return vaddr + memsz;
    }

    /** Flags as the contract spells them: {@code r-x}. */
    public String flagString() {
        return (readable() ? "r" : "-") + (writable() ? "w" : "-") + (executable() ? "x" : "-");
    }

    /** The type's name as {@code readelf -lW} prints it. */
    public String typeName() {
        return SegmentTypes.name(type);
    }
}
