package org.elfmap.explain;

import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.maps.MapsEntry;

/**
 * Entries that belong to no ELF object, by what the kernel calls them: {@code [heap]},
 * {@code [stack]}, {@code [vdso]}, {@code [vvar]} (and 6.x's {@code [vvar_vclock]}),
 * {@code [vsyscall]}, named anonymous memory ({@code [anon:name]}), plain anonymous memory, shared
 * memory, and mapped files that are not ELF.
 *
 * @param object the pseudo-object the entry is counted under
 */
record Pseudo(String object, Kind kind, String note) {

    static Pseudo of(MapsEntry e) {
        String p = e.path();
        if (e.backing() == Backing.GUARD) {
            return new Pseudo("[guard]", Kind.ANON, "a guard reservation: address space held, no memory, not in VSZ");
        }
        if (p.isEmpty()) {
            return new Pseudo("[anon]", Kind.ANON, "");
        }
        if (p.charAt(0) == '[') {
            if (p.equals("[heap]")) {
                return new Pseudo(p, Kind.HEAP, "");
            }
            if (p.startsWith("[stack")) {
                return new Pseudo("[stack]", Kind.STACK, "");
            }
            if (p.equals("[vdso]")) {
                return new Pseudo(p, Kind.VDSO, "the kernel's virtual shared object: its code for gettimeofday etc.");
            }
            if (p.startsWith("[vvar")) {
                return new Pseudo(p, Kind.VVAR, "kernel data the vDSO reads (clock pages); shared by every process");
            }
            if (p.equals("[vsyscall]")) {
                return new Pseudo(p, Kind.VSYSCALL, "the legacy vsyscall page: the kernel's gate area, not a mapping"
                        + " of this process, so not counted in VmSize");
            }
            return new Pseudo(p, Kind.ANON, "");
        }
        if (isShm(e)) {
            return new Pseudo(p, Kind.SHM, "");
        }
        return new Pseudo(p, Kind.FILE, "");
    }

    /** POSIX and System V shared memory, memfd, and shared anonymous memory ({@code /dev/zero}). */
    static boolean isShm(MapsEntry e) {
        String p = e.path();
        return p.startsWith("/dev/shm/") || p.startsWith("/SYSV") || p.startsWith("/memfd:")
                || (p.startsWith("/dev/zero") && !e.isPrivate());
    }
}
