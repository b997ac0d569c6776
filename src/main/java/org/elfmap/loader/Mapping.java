package org.elfmap.loader;

import org.elfmap.space.Prot;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.Perms;
import org.elfmap.space.Region;
import org.elfmap.space.RegionNote;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One predicted mapping: {@code [start, end)} with its protection, kind and backing.
 * Addresses are relative to the load base for ET_DYN and absolute for ET_EXEC.
 *
 * @param fileOffset offset in the file of {@code start}, for file-backed mappings
 * @param segment    index into the file's program headers of the PT_LOAD this came from
 * @param note       why this mapping exists, when that is not obvious
 * @param accounted  the kernel's {@code VM_ACCOUNT}: this private mapping was writable at some
 *                   point ({@code mmap} or {@code mprotect} with {@code PROT_WRITE}), so it is
 *                   charged to the commit limit and keeps the flag when write is taken away
 */
public record Mapping(
        long start, long end, Prot prot, Kind kind, Backing backing, OptionalLong fileOffset,
        OptionalInt segment, Optional<RegionNote> note, boolean accounted) {

    public Mapping {
        if (Long.compareUnsigned(end, start) <= 0) {
            throw new IllegalArgumentException("empty mapping [" + Long.toHexString(start) + ", "
                    + Long.toHexString(end) + ")");
        }
    }

    /** A mapping as {@code mmap} creates it: charged when it is writable. */
    public Mapping(long start, long end, Prot prot, Kind kind, Backing backing, OptionalLong fileOffset,
                   OptionalInt segment, Optional<RegionNote> note) {
        this(start, end, prot, kind, backing, fileOffset, segment, note, prot.write());
    }

    public long length() {
        return end - start;
    }

    /** This mapping as a region of a predicted image: private, nothing resident (nothing ran). */
    public Region toRegion() {
        return new Region(start, end, Perms.privateOf(prot), fileOffset, kind, segment, backing, Optional.empty(), note);
    }

    /** The part {@code [from, to)} of this mapping, file offset adjusted. */
    public Mapping slice(long from, long to) {
        OptionalLong off = fileOffset.isPresent()
                ? OptionalLong.of(fileOffset.getAsLong() + (from - start)) : fileOffset;
        return new Mapping(from, to, prot, kind, backing, off, segment, note, accounted);
    }

    /** {@code mprotect}: giving write charges the mapping, taking it away does not uncharge it. */
    public Mapping with(Prot p) {
        return new Mapping(start, end, p, kind, backing, fileOffset, segment, note, accounted || p.write());
    }

    public Mapping with(Kind k, RegionNote why) {
        return new Mapping(start, end, prot, k, backing, fileOffset, segment, Optional.of(why), accounted);
    }

    /** The same pages as plain {@code k}, without a note. */
    public Mapping as(Kind k) {
        return new Mapping(start, end, prot, k, backing, fileOffset, segment, Optional.empty(), accounted);
    }

    /** The same pages called {@code k}; note and {@code VM_ACCOUNT} kept. */
    public Mapping withKind(Kind k) {
        return new Mapping(start, end, prot, k, backing, fileOffset, segment, note, accounted);
    }

    /** The same pages called {@code k}, from segment {@code seg}; note and {@code VM_ACCOUNT} kept. */
    public Mapping withKindAndSegment(Kind k, OptionalInt seg) {
        return new Mapping(start, end, prot, k, backing, fileOffset, seg, note, accounted);
    }

    public Mapping withSegment(OptionalInt seg) {
        return new Mapping(start, end, prot, kind, backing, fileOffset, seg, note, accounted);
    }

    /** Where this mapping's file offset would be at address {@code end}: the kernel's merge test. */
    public boolean continuesInFile(Mapping next) {
        return fileOffset.isPresent() && next.fileOffset.isPresent()
                && fileOffset.getAsLong() + length() == next.fileOffset.getAsLong();
    }
}
