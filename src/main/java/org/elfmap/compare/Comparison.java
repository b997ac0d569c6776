package org.elfmap.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.elfmap.space.Kind;

/**
 * Two address spaces side by side ({@code compare A B}): every object matched across them, the
 * VSZ per kind on each side, and what the difference is made of.
 *
 * @param a        how side A is named ({@code "pid 1234"}, {@code "predicted ./app"}, a file)
 * @param elfOnly  one side is a prediction: kinds it cannot predict ([heap], [stack], [anon]...)
 *                 are listed but left out of {@link #shares()} and of the ELF totals
 */
public record Comparison(String a, String b, List<ObjectDelta> objects, boolean elfOnly, List<CompareNote> notes) {

    public Comparison {
        objects = List.copyOf(objects);
        notes = List.copyOf(notes);
    }

    public long aBytes() {
        return objects.stream().mapToLong(ObjectDelta::aBytes).sum();
    }

    public long bBytes() {
        return objects.stream().mapToLong(ObjectDelta::bBytes).sum();
    }

    public long elfABytes() {
        return objects.stream().filter(ObjectDelta::elf).mapToLong(ObjectDelta::aBytes).sum();
    }

    public long elfBBytes() {
        return objects.stream().filter(ObjectDelta::elf).mapToLong(ObjectDelta::bBytes).sum();
    }

    /** Per kind: {@code [a, b]} bytes, over every object (or the ELF objects only when {@code elfOnly}). */
    public Map<Kind, long[]> byKind(boolean elfObjectsOnly) {
        Map<Kind, long[]> out = new EnumMap<>(Kind.class);
        for (ObjectDelta o : objects) {
            if (elfObjectsOnly && !o.elf()) {
                continue;
            }
            o.a().forEach((k, v) -> out.computeIfAbsent(k, x -> new long[2])[0] += v);
            o.b().forEach((k, v) -> out.computeIfAbsent(k, x -> new long[2])[1] += v);
        }
        return out;
    }

    /** The sides' totals that {@link #shares()} explain: ELF objects only when one side is a prediction. */
    public long[] explainedTotals() {
        return elfOnly ? new long[] {elfABytes(), elfBBytes()} : new long[] {aBytes(), bBytes()};
    }

    /**
     * What the difference is made of: each kind whose VSZ differs, largest difference first, with
     * the objects whose difference in that kind has the same sign (the seed's answer: gap, about
     * 1 MiB in every library), and every object whose difference in that kind is not zero, with
     * its own difference (text may shrink in libc and grow in ld.so: the kind's total is their sum).
     */
    public List<KindShare> shares() {
        long[] t = explainedTotals();
        long delta = t[1] - t[0];
        List<KindShare> out = new ArrayList<>();
        for (Map.Entry<Kind, long[]> e : byKind(elfOnly).entrySet()) {
            Kind k = e.getKey();
            long d = e.getValue()[1] - e.getValue()[0];
            if (d == 0) {
                continue;
            }
            List<ObjectShare> changed = new ArrayList<>();
            for (ObjectDelta o : objects) {
                long od = o.delta(k);
                if ((!elfOnly || o.elf()) && od != 0) {
                    changed.add(new ObjectShare(o.name(), od));
                }
            }
            // largest change first, either way; own lambda (from the AOT cache)
            changed.sort((x, y) -> Long.compare(Math.abs(y.deltaBytes()), Math.abs(x.deltaBytes())));
            out.add(new KindShare(k, d, delta == 0 ? 0 : (double) d / delta, changed));
        }
        // largest first; own lambda, not Comparator.comparingLong (the JDK's is spun on first use, ~5 ms)
        out.sort((a, b) -> Long.compare(Math.abs(b.deltaBytes()), Math.abs(a.deltaBytes())));
        return out;
    }

    /**
     * @param share    of the whole difference (may exceed 1 when other kinds go the other way)
     * @param byObject every object whose VSZ of this kind differs, with its difference, largest
     *                 (in either direction) first; their differences add up to {@code deltaBytes}
     */
    public record KindShare(Kind kind, long deltaBytes, double share, List<ObjectShare> byObject) {
        public KindShare {
            byObject = List.copyOf(byObject);
        }

        /** The objects whose difference in this kind goes the same way as the kind's: {@link #byObject}'s, in its order. */
        public List<String> objects() {
            List<String> out = new ArrayList<>();
            for (ObjectShare o : byObject) {
                if (Long.signum(o.deltaBytes()) == Long.signum(deltaBytes)) {
                    out.add(o.name());
                }
            }
            return out;
        }
    }

    /** One object's difference (B - A) in one kind. */
    public record ObjectShare(String name, long deltaBytes) {
    }
}
