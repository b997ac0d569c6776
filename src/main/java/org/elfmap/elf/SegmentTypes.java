package org.elfmap.elf;

/** Program header type names, spelled as binutils' {@code readelf -lW} spells them. */
public final class SegmentTypes {
    private SegmentTypes() {
    }

    public static String name(int type) {
        switch (type) {
            case ProgramHeader.PT_NULL: return "NULL";
            case ProgramHeader.PT_LOAD: return "LOAD";
            case ProgramHeader.PT_DYNAMIC: return "DYNAMIC";
            case ProgramHeader.PT_INTERP: return "INTERP";
            case ProgramHeader.PT_NOTE: return "NOTE";
            case ProgramHeader.PT_SHLIB: return "SHLIB";
            case ProgramHeader.PT_PHDR: return "PHDR";
            case ProgramHeader.PT_TLS: return "TLS";
            case ProgramHeader.PT_GNU_EH_FRAME: return "GNU_EH_FRAME";
            case ProgramHeader.PT_GNU_STACK: return "GNU_STACK";
            case ProgramHeader.PT_GNU_RELRO: return "GNU_RELRO";
            case ProgramHeader.PT_GNU_PROPERTY: return "GNU_PROPERTY";
            case ProgramHeader.PT_GNU_SFRAME: return "GNU_SFRAME";
            case 0x65041580: return "PAX_FLAGS";
            case 0x65a3dbe6: return "OPENBSD_RANDOMIZE";
            case 0x65a3dbe7: return "OPENBSD_WXNEEDED";
            case 0x65a41be6: return "OPENBSD_BOOTDATA";
            default: break;
        }
        long t = Integer.toUnsignedLong(type);
        if (t >= 0x60000000L && t <= 0x6fffffffL) {
            return "LOOS+0x" + Long.toHexString(t - 0x60000000L);
        }
        if (t >= 0x70000000L && t <= 0x7fffffffL) {
            return "LOPROC+0x" + Long.toHexString(t - 0x70000000L);
        }
        return "0x" + Long.toHexString(t);
    }
}
