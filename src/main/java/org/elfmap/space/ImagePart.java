package org.elfmap.space;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What one segment of one object contributes to an address space as one kind: the regions of an
 * {@link AddressImage} summed by (object, segment, kind), in the order they first appear. Regions
 * an object only counts ({@link Folded}) come as parts without a segment. The parts of an image
 * add up to its totals; {@code top} keeps them per process instead of every region.
 *
 * @param object  the object's path (or pseudo-object name, {@code [heap]})
 * @param segment the PT_LOAD's index in the program header table, when known
 */
public record ImagePart(String object, OptionalInt segment, Kind kind, KindTotal total) {

    public static List<ImagePart> of(AddressImage image) {
        List<ImagePart> out = new ArrayList<>();
        for (ObjectImage o : image.objects()) {
            Map<Key, KindTotal> sums = new LinkedHashMap<>();
            for (Region r : o.regions()) {
                sums.merge(new Key(r.segment(), r.kind()), KindTotal.of(r), KindTotal::plus);
            }
            o.folded().byKind().forEach((k, t) -> sums.merge(new Key(OptionalInt.empty(), k), t, KindTotal::plus));
            sums.forEach((key, total) -> out.add(new ImagePart(o.path(), key.segment(), key.kind(), total)));
        }
        return List.copyOf(out);
    }

    /** The parts summed by kind: the image's {@link AddressImage#byKind}, without walking its regions again. */
    public static Map<Kind, KindTotal> byKind(List<ImagePart> parts) {
        Map<Kind, KindTotal> out = new EnumMap<>(Kind.class);
        for (ImagePart p : parts) {
            out.merge(p.kind(), p.total(), KindTotal::plus);
        }
        return out;
    }

    private record Key(OptionalInt segment, Kind kind) {
        // written out: a record's generated equals/hashCode is bootstrapped by invokedynamic on first
        // use, ~10-20 ms of start-up that AOT caches do not store (StartupBootstrapTest)
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.segment.equals(segment) && k.kind == kind;
        }

        @Override
        public int hashCode() {
            return segment.hashCode() * 31 + kind.hashCode();
        }
    }
}
