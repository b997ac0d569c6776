package org.elfmap.loader;

import java.nio.file.Path;
import java.util.List;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;
import org.elfmap.elf.Note;

/**
 * Which C library's run-time a file belongs to, read from the file itself: its interpreter, its
 * notes, its libc dependency. Decides the default loader and whose RELRO rules apply.
 */
public enum Flavor {
    GLIBC, MUSL, BIONIC, FREEBSD, UNKNOWN;

    public static Flavor of(ElfFile elf) {
        String interp = elf.interpreter().orElse("");
        if (interp.contains("ld-musl")) {
            return MUSL;
        }
        if (interp.contains("/system/bin/linker")) {
            return BIONIC;
        }
        if (interp.contains("ld-elf")) {
            return FREEBSD;
        }
        if (interp.contains("ld-linux") || interp.contains("ld64.so") || interp.endsWith("/ld.so.1")) {
            return GLIBC;
        }
        if (elf.header().osAbi() == ElfHeader.ELFOSABI_FREEBSD
                || elf.notes().stream().anyMatch(n -> n.name().equals("FreeBSD"))) {
            return FREEBSD;
        }
        if (elf.notes().stream().anyMatch(n -> n.name().equals("Android"))) {
            return BIONIC;
        }
        List<String> needed = elf.dynamicOrEmpty().needed();
        if (needed.contains("libc.so")) {
            return MUSL; // musl's libc has no soname version; Android's case was settled by its note
        }
        if (needed.stream().anyMatch(n -> n.startsWith("libc.so.6") || n.startsWith("ld-linux"))) {
            return GLIBC;
        }
        if (isMuslLibc(elf)) {
            return MUSL;
        }
        if (elf.soname().filter(s -> s.startsWith("ld-linux") || s.startsWith("libc.so.6")).isPresent()
                || elf.hasNote("GNU", Note.NT_GNU_ABI_TAG)) {
            return GLIBC;
        }
        return UNKNOWN;
    }

    /** musl's libc.so, which is also its dynamic linker, has no soname: know it by its path. */
    static boolean isMuslLibc(ElfFile elf) {
        String n = elf.name();
        String base = fileName(n);
        return base.startsWith("ld-musl") || (base.equals("libc.so") && n.contains("musl"));
    }

    /**
     * True for a dynamic linker: the kernel maps it (as the PT_INTERP of a program) and it
     * relocates itself. Known by soname or file name, as nothing in the ELF says "interpreter".
     */
    public static boolean isInterpreter(ElfFile elf) {
        if (elf.interpreter().isPresent()) {
            return false;
        }
        String name = elf.soname().orElse(fileName(elf.name()));
        return name.startsWith("ld-linux") || name.startsWith("ld64.so") || name.startsWith("ld-musl")
                || name.startsWith("ld-elf") || name.equals("ld.so.1") || name.equals("ld.so")
                || name.startsWith("ld-2.") || name.equals("linker") || name.equals("linker64")
                || isMuslLibc(elf);
    }

    static String fileName(String path) {
        int bang = path.lastIndexOf('!');
        String p = bang >= 0 ? path.substring(bang + 1) : path;
        Path f = Path.of(p.isEmpty() ? "." : p).getFileName();
        return f == null ? p : f.toString();
    }
}
