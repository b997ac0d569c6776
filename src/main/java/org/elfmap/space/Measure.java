package org.elfmap.space;

import java.util.Locale;
import java.util.Optional;

/**
 * What a size counts: address space (VSZ), resident memory (RSS), or the proportional share of
 * it (PSS). {@code top --sort} orders by one; folded stacks weigh by one.
 */
public enum Measure {
    VSZ, RSS, PSS;

    public long of(KindTotal t) {
        return switch (this) {
            case VSZ -> t.vszBytes();
            case RSS -> t.usage().rssBytes();
            case PSS -> t.usage().pssBytes();
        };
    }

    /** {@code vsz}, {@code rss} or {@code pss}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Measure> byLabel(String label) {
        for (Measure m : values()) {
            if (m.label().equals(label)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
