package org.elfmap.explain;

/** Address space and memory of one kind, summed over regions. */
public record KindTotal(long vszBytes, Usage usage) {
    public static final KindTotal ZERO = new KindTotal(0, Usage.ZERO);

    static KindTotal of(Region r) {
        return new KindTotal(r.vszBytes(), r.usage().orElse(Usage.ZERO));
    }

    public KindTotal plus(KindTotal o) {
        return new KindTotal(vszBytes + o.vszBytes, usage.plus(o.usage));
    }
}
