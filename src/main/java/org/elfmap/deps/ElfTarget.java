package org.elfmap.deps;

import java.nio.ByteOrder;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.Machines;

/**
 * The kind of process a program makes: ELF class, machine and byte order. A library of another
 * kind cannot be loaded into it; glibc's {@code open_verify} skips such a file and searches on
 * ("wrong ELF class: ELFCLASS32"), so an i386 program finds its libraries in {@code /lib32}.
 */
public record ElfTarget(int elfClass, int machine, ByteOrder order) {

    // Written out rather than generated: a record's generated equals/hashCode is bootstrapped by
    // invokedynamic (ObjectMethods) on first use, which AOT caches do not store; the first one in a
    // run costs ~10-20 ms of start-up (README "Performance").
    @Override
    public boolean equals(Object o) {
        return o instanceof ElfTarget t && t.elfClass == elfClass && t.machine == machine && t.order.equals(order);
    }

    @Override
    public int hashCode() {
        return (elfClass * 31 + machine) * 31 + order.hashCode();
    }

    public static ElfTarget of(ElfFile elf) {
        return new ElfTarget(elf.header().elfClass(), elf.header().machine(), elf.header().order());
    }

    /** Why a file cannot join a process of this kind, or empty when it can. */
    public Optional<Mismatch> mismatch(ElfFile elf) {
        if (elf.header().elfClass() != elfClass) {
            return Optional.of(new Mismatch.ElfClass(elf.header().elfClass()));
        }
        if (elf.header().order() != order) {
            return Optional.of(new Mismatch.Endian(elf.header().endian()));
        }
        if (elf.header().machine() != machine) {
            return Optional.of(new Mismatch.Machine(elf.header().machine()));
        }
        return Optional.empty();
    }

    public boolean is64() {
        return elfClass == 64;
    }

    /** {@code x86_64 ELF64}. */
    public String label() {
        return Machines.name(machine) + " ELF" + elfClass;
    }
}
