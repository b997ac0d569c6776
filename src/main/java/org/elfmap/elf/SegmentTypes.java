package org.elfmap.elf;

import java.util.Map;

/**
 * Program header type names, spelled as binutils' {@code readelf -lW} spells them
 * ({@code get_segment_type} in {@code binutils/readelf.c}, 2.40): the generic and GNU types by
 * value; a type in {@code PT_LOPROC..PT_HIPROC} by the file's {@code e_machine}
 * ({@code get_arm_segment_type}, {@code get_mips_segment_type}...), one in
 * {@code PT_LOOS..PT_HIOS} by its {@code EI_OSABI} ({@code get_hpux_segment_type},
 * {@code get_solaris_segment_type}, GNU and FreeBSD's {@code PT_GNU_MBIND} range); anything else
 * as {@code LOPROC+0x1}, {@code LOOS+0x5041580} or {@code <unknown>: 12345678}. readelf's table
 * cuts names at 14 columns ({@code AARCH64_MEMTAG}); these are the whole names.
 */
public final class SegmentTypes {
    private static final long PT_LOOS = 0x60000000L;
    private static final long PT_HIOS = 0x6fffffffL;
    private static final long PT_LOPROC = 0x70000000L;
    private static final long PT_HIPROC = 0x7fffffffL;
    private static final long PT_GNU_MBIND_LO = PT_LOOS + 0x474e555;
    private static final long PT_GNU_MBIND_HI = PT_GNU_MBIND_LO + 4096 - 1;

    private static final int EM_MIPS = 8;
    private static final int EM_MIPS_RS3_LE = 10;
    private static final int EM_PARISC = 15;
    private static final int EM_S390 = 22;
    private static final int EM_IA_64 = 50;
    private static final int EM_TI_C6000 = 140;
    private static final int EM_RISCV = 243;
    private static final int EM_S390_OLD = 0xa390;

    private static final int ELFOSABI_HPUX = 1;
    private static final int ELFOSABI_GNU = 3;
    private static final int ELFOSABI_SOLARIS = 6;

    /** {@code get_segment_type}'s own cases, whatever the machine and OS ABI. */
    private static final Map<Long, String> GENERIC = Map.ofEntries(
            Map.entry(0L, "NULL"), Map.entry(1L, "LOAD"), Map.entry(2L, "DYNAMIC"), Map.entry(3L, "INTERP"),
            Map.entry(4L, "NOTE"), Map.entry(5L, "SHLIB"), Map.entry(6L, "PHDR"), Map.entry(7L, "TLS"),
            Map.entry(0x6474e550L, "GNU_EH_FRAME"), Map.entry(0x6474e551L, "GNU_STACK"),
            Map.entry(0x6474e552L, "GNU_RELRO"), Map.entry(0x6474e553L, "GNU_PROPERTY"),
            Map.entry(0x6474e554L, "GNU_SFRAME"), Map.entry(0x65a3dbe6L, "OPENBSD_RANDOMIZE"),
            Map.entry(0x65a3dbe7L, "OPENBSD_WXNEEDED"), Map.entry(0x65a41be6L, "OPENBSD_BOOTDATA"));

    /** Processor-specific types by {@code e_machine} ({@code include/elf/*.h}). */
    private static final Map<Integer, Map<Long, String>> BY_MACHINE = Map.ofEntries(
            Map.entry(Machines.EM_AARCH64, Map.of(PT_LOPROC, "AARCH64_ARCHEXT", PT_LOPROC + 2, "AARCH64_MEMTAG_MTE")),
            Map.entry(Machines.EM_ARM, Map.of(PT_LOPROC + 1, "EXIDX")),
            Map.entry(EM_MIPS, mips()), Map.entry(EM_MIPS_RS3_LE, mips()),
            Map.entry(EM_PARISC, Map.of(PT_LOPROC, "PARISC_ARCHEXT", PT_LOPROC + 1, "PARISC_UNWIND",
                    PT_LOPROC + 2, "PARISC_WEAKORDER")),
            Map.entry(EM_IA_64, Map.of(PT_LOPROC, "IA_64_ARCHEXT", PT_LOPROC + 1, "IA_64_UNWIND")),
            Map.entry(EM_TI_C6000, Map.of(PT_LOPROC, "C6000_PHATTR")),
            Map.entry(EM_S390, Map.of(PT_LOPROC, "S390_PGSTE")),
            Map.entry(EM_S390_OLD, Map.of(PT_LOPROC, "S390_PGSTE")),
            Map.entry(EM_RISCV, Map.of(PT_LOPROC + 3, "RISCV_ATTRIBUTES")));

    /** HP-UX's OS-specific types ({@code get_hpux_segment_type}): PA-RISC's set, and IA-64's. */
    private static final Map<Long, String> HPUX_PARISC = Map.ofEntries(
            Map.entry(PT_LOOS, "HP_TLS"), Map.entry(PT_LOOS + 1, "HP_CORE_NONE"),
            Map.entry(PT_LOOS + 2, "HP_CORE_VERSION"),
            Map.entry(PT_LOOS + 3, "HP_CORE_KERNEL"), Map.entry(PT_LOOS + 4, "HP_CORE_COMM"),
            Map.entry(PT_LOOS + 5, "HP_CORE_PROC"), Map.entry(PT_LOOS + 6, "HP_CORE_LOADABLE"),
            Map.entry(PT_LOOS + 7, "HP_CORE_STACK"), Map.entry(PT_LOOS + 8, "HP_CORE_SHM"),
            Map.entry(PT_LOOS + 9, "HP_CORE_MMF"), Map.entry(PT_LOOS + 0x10, "HP_PARALLEL"),
            Map.entry(PT_LOOS + 0x11, "HP_FASTBIND"), Map.entry(PT_LOOS + 0x12, "HP_OPT_ANNOT"),
            Map.entry(PT_LOOS + 0x13, "HP_HSL_ANNOT"), Map.entry(PT_LOOS + 0x14, "HP_STACK"),
            Map.entry(PT_LOOS + 0x15, "HP_CORE_UTSNAME"));
    private static final Map<Long, String> HPUX_IA_64 = Map.of(PT_LOOS, "HP_TLS", PT_LOOS + 0x12, "HP_OPT_ANNOT",
            PT_LOOS + 0x13, "HP_HSL_ANNOT", PT_LOOS + 0x14, "HP_STACK");

    /**
     * Solaris' OS-specific types ({@code get_solaris_segment_type}; readelf spells them with
     * {@code PT_}). Its {@code PT_SUNW_EH_FRAME} is GNU_EH_FRAME's value, which the generic case names first.
     */
    private static final Map<Long, String> SOLARIS = Map.of(0x6464e550L, "PT_SUNW_UNWIND",
            0x6ffffff7L, "PT_LOSUNW", 0x6ffffffaL, "PT_SUNWBSS", 0x6ffffffbL, "PT_SUNWSTACK",
            0x6ffffffcL, "PT_SUNWDTRACE",
            0x6ffffffdL, "PT_SUNWCAP", 0x6fffffffL, "PT_HISUNW");

    private SegmentTypes() {
    }

    private static Map<Long, String> mips() {
        return Map.of(PT_LOPROC, "REGINFO", PT_LOPROC + 1, "RTPROC", PT_LOPROC + 2, "OPTIONS",
                PT_LOPROC + 3, "ABIFLAGS");
    }

    /** The name without a machine or OS ABI to tell processor- and OS-specific types apart. */
    public static String name(int type) {
        return name(type, 0, 0);
    }

    /** The name readelf gives {@code type} in a file for {@code machine} and {@code osAbi}. */
    public static String name(int type, int machine, int osAbi) {
        long t = Integer.toUnsignedLong(type);
        String known = GENERIC.get(t);
        if (known != null) {
            return known;
        }
        if (t >= PT_LOPROC && t <= PT_HIPROC) {
            String proc = BY_MACHINE.getOrDefault(machine, Map.of()).get(t);
            return proc != null ? proc : "LOPROC+" + hash(t - PT_LOPROC);
        }
        if (t >= PT_LOOS && t <= PT_HIOS) {
            String os = osSpecific(t, machine, osAbi);
            return os != null ? os : "LOOS+" + hash(t - PT_LOOS);
        }
        return "<unknown>: " + Long.toHexString(t);
    }

    private static String osSpecific(long t, int machine, int osAbi) {
        return switch (osAbi) {
            case ELFOSABI_GNU, ElfHeader.ELFOSABI_FREEBSD -> t >= PT_GNU_MBIND_LO && t <= PT_GNU_MBIND_HI
                    ? "GNU_MBIND+" + hash(t - PT_GNU_MBIND_LO) : null;
            case ELFOSABI_HPUX -> machine == EM_PARISC ? HPUX_PARISC.get(t)
                    : machine == EM_IA_64 ? HPUX_IA_64.get(t) : null;
            case ELFOSABI_SOLARIS -> SOLARIS.get(t);
            default -> null;
        };
    }

    /** C's {@code %#lx}: {@code 0x1f}, but a bare {@code 0}. */
    private static String hash(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }
}
