package org.elfmap.explain;

import org.elfmap.space.Backing;
import org.elfmap.space.Prot;
import org.elfmap.space.RegionNote;

/**
 * How a loader holds a gap between an object's segments, read from the entry that covers it: a
 * guard (FreeBSD 12+ rtld's {@code MAP_GUARD}), an anonymous {@code PROT_NONE} reservation
 * (bionic, FreeBSD 8–11 rtld), the file made {@code PROT_NONE} (glibc), or the file left with a
 * segment's protection (musl, old rtld). One rule for objects read by their ELF file and by shape.
 */
final class GapHolder {
    private GapHolder() {
    }

    static RegionNote.Holder of(Backing backing, boolean isFile, Prot prot) {
        if (backing == Backing.GUARD) {
            return RegionNote.Holder.GUARD;
        }
        if (!isFile) {
            return RegionNote.Holder.ANON_PROT_NONE;
        }
        return prot.none() ? RegionNote.Holder.FILE_PROT_NONE : RegionNote.Holder.FILE_WITH_PROT;
    }
}
