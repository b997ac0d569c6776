package org.elfmap.elf;

import java.nio.ByteOrder;

/**
 * The ELF file header (gABI "ELF Header"). {@code phnum} is the real program header count: when
 * {@code e_phnum} is {@code PN_XNUM} (0xffff) the reader has taken it from section header 0.
 */
public record ElfHeader(
        int elfClass,
        ByteOrder order,
        int osAbi,
        int type,
        int machine,
        long entry,
        long phoff,
        long shoff,
        int flags,
        int phentsize,
        int phnum,
        int shentsize,
        int shnum) {

    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;
    public static final int ELFOSABI_FREEBSD = 9;

    public boolean is64() {
        return elfClass == 64;
    }

    public String endian() {
        return order == ByteOrder.LITTLE_ENDIAN ? "little" : "big";
    }

    public String typeName() {
        return switch (type) {
            case 0 -> "NONE";
            case ET_REL -> "REL";
            case ET_EXEC -> "EXEC";
            case ET_DYN -> "DYN";
            case ET_CORE -> "CORE";
            default -> "0x" + Integer.toHexString(type);
        };
    }

    public String machineName() {
        return Machines.name(machine);
    }
}
