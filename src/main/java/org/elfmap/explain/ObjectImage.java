package org.elfmap.explain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.loader.Kind;

/**
 * Everything one object contributes to an address space: an ELF file's segments, or a
 * pseudo-object ({@code [heap]}, {@code [stack]}, {@code [anon]}, a mapped non-ELF file).
 *
 * @param path       the file's path as observed or resolved, or the pseudo-object's name
 * @param name       how objects are matched across images: soname, else file name
 * @param base       load base (ET_DYN) for ELF objects
 * @param prediction absent for predicted images and for non-ELF objects
 */
public record ObjectImage(String path, String name, OptionalLong base, List<Region> regions,
                         Optional<Prediction> prediction) {

    public ObjectImage {
        regions = List.copyOf(regions);
    }

    public long vszBytes() {
        return regions.stream().mapToLong(Region::vszBytes).sum();
    }

    /** Whether any region carries RSS/PSS. */
    public boolean hasUsage() {
        return regions.stream().anyMatch(r -> r.usage().isPresent());
    }

    public Usage usage() {
        return regions.stream().map(r -> r.usage().orElse(Usage.ZERO)).reduce(Usage.ZERO, Usage::plus);
    }

    /** VSZ and usage per kind, in the enum's order. */
    public Map<Kind, KindTotal> byKind() {
        Map<Kind, KindTotal> out = new EnumMap<>(Kind.class);
        for (Region r : regions) {
            out.merge(r.kind(), KindTotal.of(r), KindTotal::plus);
        }
        return out;
    }
}
