package org.elfmap.space;

import java.util.EnumMap;
import java.util.Map;

/**
 * Regions of an object that are counted but not listed one by one: a capture of a million
 * anonymous entries keeps its totals per kind, not a million records. {@code entries} says how
 * many observed entries the totals stand for.
 */
public record Folded(long entries, Map<Kind, KindTotal> byKind, boolean hasUsage) {
    public static final Folded NONE = new Folded(0, Map.of(), false);

    public Folded {
        byKind = KindTotal.copyOf(byKind);
    }

    // Loops, not streams: asked of every object of every process by top.
    public long vszBytes() {
        long sum = 0;
        for (KindTotal t : byKind.values()) {
            sum = ByteSum.add(sum, t.vszBytes());
        }
        return sum;
    }

    public Usage usage() {
        Usage sum = Usage.ZERO;
        for (KindTotal t : byKind.values()) {
            sum = sum.plus(t.usage());
        }
        return sum;
    }

    /** Accumulates regions without keeping them. */
    public static final class Builder {
        private final EnumMap<Kind, KindTotal> byKind = new EnumMap<>(Kind.class);
        private long entries;
        private boolean hasUsage;

        public void add(Region r) {
            entries++;
            hasUsage |= r.usage().isPresent();
            byKind.merge(r.kind(), KindTotal.of(r), KindTotal::plus);
        }

        public Folded build() {
            return entries == 0 ? NONE : new Folded(entries, byKind, hasUsage);
        }
    }
}
