package org.elfmap.deps;

import java.nio.ByteOrder;
import java.util.Locale;
import org.elfmap.elf.Machines;

/** This machine's kind, as far as the loader facts depend on it: which programs run here natively. */
final class HostMachine {
    private HostMachine() {
    }

    /**
     * Whether a process of this kind runs on this machine's CPU (x86-64 also runs i386 code, as
     * far as the CPU goes), so that this CPU's flags and loaders speak for it.
     */
    static boolean runs(ElfTarget t) {
        if (t.order() != ByteOrder.nativeOrder()) {
            return false;
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> t.machine() == Machines.EM_X86_64 || t.machine() == Machines.EM_386;
            case "aarch64" -> t.machine() == Machines.EM_AARCH64;
            case "s390x" -> t.machine() == Machines.EM_S390;
            case "ppc64le" -> t.machine() == Machines.EM_PPC64;
            default -> false;
        };
    }
}
