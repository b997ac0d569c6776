package org.elfmap.elf;

import java.util.Map;

/** Names for the common {@code e_machine} values (gABI "Machine Information"), as uname spells them. */
public final class Machines {
    public static final int EM_386 = 3;
    public static final int EM_X86_64 = 62;
    public static final int EM_ARM = 40;
    public static final int EM_AARCH64 = 183;
    public static final int EM_PPC64 = 21;
    public static final int EM_S390 = 22;
    public static final int EM_RISCV = 243;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(2, "sparc"), Map.entry(EM_386, "i386"), Map.entry(4, "m68k"),
            Map.entry(8, "mips"), Map.entry(10, "mips-rs3-le"), Map.entry(15, "parisc"),
            Map.entry(18, "sparc32plus"), Map.entry(20, "ppc"), Map.entry(EM_PPC64, "ppc64"),
            Map.entry(EM_S390, "s390"), Map.entry(EM_ARM, "arm"), Map.entry(42, "sh"),
            Map.entry(43, "sparcv9"), Map.entry(50, "ia64"), Map.entry(EM_X86_64, "x86_64"),
            Map.entry(87, "v850"), Map.entry(88, "m32r"), Map.entry(92, "openrisc"),
            Map.entry(94, "xtensa"), Map.entry(106, "blackfin"), Map.entry(113, "alteracore"),
            Map.entry(164, "hexagon"), Map.entry(EM_AARCH64, "aarch64"), Map.entry(189, "microblaze"),
            Map.entry(224, "amdgpu"), Map.entry(EM_RISCV, "riscv"), Map.entry(247, "bpf"),
            Map.entry(252, "csky"), Map.entry(258, "loongarch"), Map.entry(0x9026, "alpha"));

    private Machines() {
    }

    public static String name(int machine) {
        String n = NAMES.get(machine);
        return n != null ? n : "em-" + machine;
    }
}
