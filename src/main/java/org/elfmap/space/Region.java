package org.elfmap.space;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One attributed piece of an address space: an observed mapping (or the part of one that has a
 * single kind: the kernel may have merged musl's text and gap into one entry), or a predicted one.
 *
 * @param perms      as the input spells them ({@code r-xp} on Linux, {@code r-x} on FreeBSD);
 *                   predicted regions use {@code p} (private)
 * @param fileOffset offset in the object's file of {@code start}, when file-backed and known
 * @param segment    index of the PT_LOAD (into the program header table) it comes from
 * @param backing    file, anonymous memory, or a FreeBSD guard reservation
 * @param usage      RSS/PSS, present when the input carries them
 * @param note       what this region is, when its kind alone does not say
 */
public record Region(long start, long end, Perms perms, OptionalLong fileOffset, Kind kind, OptionalInt segment,
                     Backing backing, Optional<Usage> usage, Optional<RegionNote> note) {

    public Region {
        if (Long.compareUnsigned(end, start) <= 0) {
            throw new IllegalArgumentException("empty region [0x" + Long.toHexString(start) + ", 0x"
                    + Long.toHexString(end) + ")");
        }
    }

    /** Bytes of address space the whole range spans, counted in VSZ or not. */
    public long length() {
        return end - start;
    }

    /** What the region adds to VSZ ({@link Vsz}). */
    public long vszBytes() {
        return Vsz.of(end - start, backing, kind);
    }
}
