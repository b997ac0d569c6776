package org.elfmap.output.folded;

import org.elfmap.space.KindTotal;

/** What a folded line weighs: address space, resident memory, or the proportional share of it. */
public enum Metric {
    VSZ, RSS, PSS;

    long of(KindTotal t) {
        return switch (this) {
            case VSZ -> t.vszBytes();
            case RSS -> t.usage().rssBytes();
            case PSS -> t.usage().pssBytes();
        };
    }

    /** {@code vsz}, {@code rss} or {@code pss}, as {@code top --sort} spells them. */
    public static Metric named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
