package org.elfmap.loader;

import java.util.List;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;
import org.elfmap.elf.Note;

/**
 * Which C library's run-time a file belongs to, read from the file itself: its interpreter, its
 * notes, its libc dependency. Decides the default loader and whose RELRO rules apply.
 */
public enum Flavor {
    /** glibc: {@code ld-linux-x86-64.so.2}, {@code ld-linux.so.2}, {@code ld64.so.*}, {@code ld.so.1}, {@code ld-2.*}. */
    GLIBC(Loaders.Os.LINUX, List.of("ld-linux", "ld64.so", "ld-2."), List.of("ld.so.1", "ld.so")),
    /** musl: {@code ld-musl-ARCH.so.1}, which is its libc.so too. */
    MUSL(Loaders.Os.LINUX, List.of("ld-musl"), List.of()),
    /** Android: {@code /system/bin/linker}, {@code linker64}. */
    BIONIC(Loaders.Os.LINUX, List.of(), List.of("linker", "linker64")),
    /** FreeBSD: {@code ld-elf.so.1}, {@code ld-elf32.so.1}. */
    FREEBSD(Loaders.Os.FREEBSD, List.of("ld-elf"), List.of()),
    UNKNOWN(Loaders.Os.LINUX, List.of(), List.of());

    private final Loaders.Os os;
    private final List<String> interpreterPrefixes;
    private final List<String> interpreterNames;

    Flavor(Loaders.Os os, List<String> interpreterPrefixes, List<String> interpreterNames) {
        this.os = os;
        this.interpreterPrefixes = interpreterPrefixes;
        this.interpreterNames = interpreterNames;
    }

    /** The system whose kernel execs this flavor's programs. */
    public Loaders.Os os() {
        return os;
    }

    /** Whether {@code fileName} (a soname or file name) is this flavor's dynamic linker. */
    public boolean namesInterpreter(String fileName) {
        if (interpreterNames.contains(fileName)) {
            return true;
        }
        // loops, not streams, here and below: top asks for every object of every process, and C1
        // (short runs) keeps each stream's and lambda's allocations (~5 % of a top scan)
        for (String prefix : interpreterPrefixes) {
            if (fileName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public static Flavor of(ElfFile elf) {
        if (elf.interpreter().isPresent()) {
            String interp = fileName(elf.interpreter().get());
            for (Flavor f : values()) {
                if (f.namesInterpreter(interp)) {
                    return f;
                }
            }
        }
        if (elf.header().osAbi() == ElfHeader.ELFOSABI_FREEBSD || hasNoteNamed(elf, "FreeBSD")) {
            return FREEBSD;
        }
        if (hasNoteNamed(elf, "Android")) {
            return BIONIC;
        }
        List<String> needed = elf.dynamicOrEmpty().needed();
        if (needed.contains("libc.so")) {
            return MUSL; // musl's libc has no soname version; Android's case was settled by its note
        }
        for (String n : needed) {
            if (n.startsWith("libc.so.6") || n.startsWith("ld-linux")) {
                return GLIBC;
            }
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

    private static boolean hasNoteNamed(ElfFile elf, String name) {
        for (Note n : elf.notes()) {
            if (n.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** musl's libc.so, which is also its dynamic linker, has no soname: know it by its path. */
    static boolean isMuslLibc(ElfFile elf) {
        return isMuslLibc(elf.name());
    }

    private static boolean isMuslLibc(String n) {
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
        return namesAnInterpreter(elf.soname().orElse(fileName(elf.name()))) || isMuslLibc(elf.name());
    }

    /**
     * Whether a path names a dynamic linker, for a mapping whose file cannot be read (a capture
     * from another machine): by file name, and musl's {@code libc.so} by its directory (it has no
     * soname; {@code /lib/ld-musl-ARCH.so.1} links to it and maps name the resolved path). Bionic's
     * {@code libc.so} is not its linker ({@code linker64} is), and no musl directory holds it.
     */
    public static boolean isInterpreterPath(String path) {
        return namesAnInterpreter(fileName(path)) || isMuslLibc(path);
    }

    private static boolean namesAnInterpreter(String fileName) {
        for (Flavor f : values()) {
            if (f.namesInterpreter(fileName)) {
                return true;
            }
        }
        return false;
    }

    /** The last component of a name shown for people (not a {@link Path}: it may hold any character). */
    static String fileName(String path) {
        int bang = path.lastIndexOf('!');
        String p = bang >= 0 ? path.substring(bang + 1) : path;
        int end = p.length();
        while (end > 1 && p.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = p.substring(0, end);
        return trimmed.equals("/") ? trimmed : trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
