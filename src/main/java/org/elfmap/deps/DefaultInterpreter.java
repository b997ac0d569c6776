package org.elfmap.deps;

import java.nio.ByteOrder;
import java.util.Optional;
import org.elfmap.elf.Machines;

/**
 * The dynamic linker that a program of a library's kind names in its PT_INTERP, for library mode
 * (a library has no PT_INTERP of its own; the program that dlopens it brought one). glibc: the
 * {@code GLIBC_DYNAMIC_LINKER} of gcc's {@code gcc/config/<cpu>/linux*.h}, which is also what
 * {@code ldd}'s {@code RTLDLIST} tries ({@code /lib/ld-linux.so.2 /lib64/ld-linux-x86-64.so.2
 * /libx32/ld-linux-x32.so.2} on x86). musl: {@code $(syslibdir)/ld-musl-$(ARCH)$(SUBARCH).so.1}
 * (musl's {@code Makefile}, {@code LDSO_PATHNAME}).
 */
final class DefaultInterpreter {
    private DefaultInterpreter() {
    }

    static Optional<String> glibc(ElfTarget t) {
        boolean little = t.order() == ByteOrder.LITTLE_ENDIAN;
        return Optional.ofNullable(switch (t.machine()) {
            case Machines.EM_X86_64 -> t.is64() ? "/lib64/ld-linux-x86-64.so.2" : "/libx32/ld-linux-x32.so.2";
            case Machines.EM_386 -> "/lib/ld-linux.so.2";
            case Machines.EM_AARCH64 -> little ? "/lib/ld-linux-aarch64.so.1" : "/lib/ld-linux-aarch64_be.so.1";
            case Machines.EM_ARM -> "/lib/ld-linux-armhf.so.3";
            case Machines.EM_PPC64 -> little ? "/lib64/ld64.so.2" : "/lib64/ld64.so.1";
            case Machines.EM_S390 -> t.is64() ? "/lib/ld64.so.1" : "/lib/ld.so.1";
            case Machines.EM_RISCV -> t.is64() ? "/lib/ld-linux-riscv64-lp64d.so.1" : "/lib/ld-linux-riscv32-ilp32d.so.1";
            default -> null;
        });
    }

    static Optional<String> musl(ElfTarget t) {
        String arch = switch (t.machine()) {
            case Machines.EM_X86_64 -> t.is64() ? "x86_64" : "x32";
            case Machines.EM_386 -> "i386";
            case Machines.EM_AARCH64 -> "aarch64";
            case Machines.EM_ARM -> "armhf";
            case Machines.EM_RISCV -> t.is64() ? "riscv64" : "riscv32";
            case Machines.EM_S390 -> "s390x";
            case Machines.EM_PPC64 -> t.order() == ByteOrder.LITTLE_ENDIAN ? "powerpc64le" : "powerpc64";
            default -> null;
        };
        return Optional.ofNullable(arch).map(a -> "/lib/ld-musl-" + a + ".so.1");
    }
}
