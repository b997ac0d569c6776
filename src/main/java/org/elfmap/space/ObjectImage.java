package org.elfmap.space;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything one object contributes to an address space: an ELF file's segments, or a
 * pseudo-object ({@code [heap]}, {@code [stack]}, {@code [anon]}, a mapped non-ELF file).
 *
 * @param path       the file's path as observed or resolved, or the pseudo-object's name
 * @param name       how objects are matched across images: soname, else file name
 * @param identity   what the input says is mapped: {@code dev:inode} on Linux, the VM object on
 *                   FreeBSD; empty when unknown (predictions, {@code procstat}, anonymous memory)
 * @param base       load base (ET_DYN) for ELF objects
 * @param regions    its regions in address order
 * @param folded     regions summarised rather than listed (huge captures, table output)
 * @param prediction absent for predicted images and for non-ELF objects
 * @param dynamicLinker the object is the dynamic linker (the program's PT_INTERP, or a file
 *                   {@code loader.Flavor.isInterpreter} knows as one, musl's {@code libc.so}
 *                   included): {@code compare} lines up the dynamic linkers of two images
 *                   whatever each calls it
 */
public record ObjectImage(String path, String name, String identity, OptionalLong base, List<Region> regions,
                          Folded folded, Optional<Prediction> prediction, boolean dynamicLinker) {

    public ObjectImage {
        regions = List.copyOf(regions);
    }

    /** An object that is not the dynamic linker. */
    public ObjectImage(String path, String name, String identity, OptionalLong base, List<Region> regions,
                       Folded folded, Optional<Prediction> prediction) {
        this(path, name, identity, base, regions, folded, prediction, false);
    }

    /** An object whose regions are all listed (predictions, small observations). */
    public ObjectImage(String path, String name, OptionalLong base, List<Region> regions,
                       Optional<Prediction> prediction) {
        this(path, name, "", base, regions, Folded.NONE, prediction);
    }

    // Loops, not streams: top sums these for every object of every process, and a stream's
    // set-up costs more than the few regions it walks.
    public long vszBytes() {
        long sum = folded.vszBytes();
        for (Region r : regions) {
            sum = ByteSum.add(sum, r.vszBytes());
        }
        return sum;
    }

    /** Whether any region carries RSS/PSS. */
    public boolean hasUsage() {
        for (Region r : regions) {
            if (r.usage().isPresent()) {
                return true;
            }
        }
        return folded.hasUsage();
    }

    public Usage usage() {
        Usage sum = folded.usage();
        for (Region r : regions) {
            if (r.usage().isPresent()) {
                sum = sum.plus(r.usage().get());
            }
        }
        return sum;
    }

    /** VSZ and usage per kind, in the enum's order. */
    public Map<Kind, KindTotal> byKind() {
        Map<Kind, KindTotal> out = new EnumMap<>(Kind.class);
        for (Region r : regions) {
            out.merge(r.kind(), KindTotal.of(r), KindTotal::plus);
        }
        folded.byKind().forEach((k, t) -> out.merge(k, t, KindTotal::plus));
        return out;
    }
}
