package org.elfmap.space;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Address space and memory of one kind, summed over regions. */
public record KindTotal(long vszBytes, Usage usage) {
    public static final KindTotal ZERO = new KindTotal(0, Usage.ZERO);

    static KindTotal of(Region r) {
        return new KindTotal(r.vszBytes(), r.usage().orElse(Usage.ZERO));
    }

    /** An unmodifiable copy in the kinds' order (an empty map too, which EnumMap's copy constructor refuses). */
    public static Map<Kind, KindTotal> copyOf(Map<Kind, KindTotal> m) {
        EnumMap<Kind, KindTotal> out = new EnumMap<>(Kind.class);
        out.putAll(m);
        return Collections.unmodifiableMap(out);
    }

    public KindTotal plus(KindTotal o) {
        return new KindTotal(ByteSum.add(vszBytes, o.vszBytes), usage.plus(o.usage));
    }
}
