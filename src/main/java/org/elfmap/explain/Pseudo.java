package org.elfmap.explain;

import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;
import java.util.Optional;
import org.elfmap.maps.MapsEntry;

/**
 * Entries that belong to no ELF object, by what the kernel calls them: {@code [heap]},
 * {@code [stack]}, {@code [vdso]}, {@code [vvar]} (and 6.x's {@code [vvar_vclock]}),
 * {@code [vsyscall]}, named anonymous memory ({@code [anon:name]}), plain anonymous memory, shared
 * memory, and mapped files that are not ELF.
 *
 * @param object the pseudo-object the entry is counted under
 */
record Pseudo(String object, Kind kind, Optional<RegionNote> note) {
    Pseudo(String object, Kind kind) {
        this(object, kind, Optional.empty());
    }

    Pseudo(String object, Kind kind, RegionNote.Pseudo what) {
        this(object, kind, Optional.of(new RegionNote.Special(what)));
    }


    static Pseudo of(MapsEntry e) {
        String p = e.path();
        if (e.backing() == Backing.GUARD) {
            return new Pseudo("[guard]", Kind.ANON, RegionNote.Pseudo.GUARD);
        }
        if (p.isEmpty()) {
            return new Pseudo("[anon]", Kind.ANON);
        }
        if (p.charAt(0) == '[') {
            if (p.equals("[heap]")) {
                return new Pseudo(p, Kind.HEAP);
            }
            if (p.startsWith("[stack")) {
                return new Pseudo("[stack]", Kind.STACK);
            }
            if (p.equals("[vdso]")) {
                return new Pseudo(p, Kind.VDSO, RegionNote.Pseudo.VDSO);
            }
            if (p.startsWith("[vvar")) {
                return new Pseudo(p, Kind.VVAR, RegionNote.Pseudo.VVAR);
            }
            if (p.equals("[vsyscall]")) {
                return new Pseudo(p, Kind.VSYSCALL, RegionNote.Pseudo.VSYSCALL);
            }
            return new Pseudo(p, Kind.ANON);
        }
        if (isShm(e)) {
            return new Pseudo(p, Kind.SHM);
        }
        return new Pseudo(p, Kind.FILE);
    }

    /** POSIX and System V shared memory, memfd, and shared anonymous memory ({@code /dev/zero}). */
    static boolean isShm(MapsEntry e) {
        String p = e.path();
        return p.startsWith("/dev/shm/") || p.startsWith("/SYSV") || p.startsWith("/memfd:")
                || (p.startsWith("/dev/zero") && !e.isPrivate());
    }
}
