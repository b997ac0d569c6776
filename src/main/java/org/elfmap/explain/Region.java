package org.elfmap.explain;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elfmap.loader.Kind;

/**
 * One attributed piece of an address space: an observed mapping (or the part of one that has a
 * single kind: the kernel may have merged musl's text and gap into one entry), or a predicted one.
 *
 * @param perms      as maps spells them, {@code r-xp}; predicted regions use {@code p} (private)
 * @param fileOffset offset in the object's file of {@code start}, when file-backed
 * @param segment    index of the PT_LOAD (into the program header table) it comes from
 * @param usage      RSS/PSS, present when the input carries them
 * @param note       what this region is and costs, in words, when not obvious
 */
public record Region(long start, long end, String perms, OptionalLong fileOffset, Kind kind, OptionalInt segment,
                     Optional<Usage> usage, String note) {

    public long vszBytes() {
        return end - start;
    }
}
