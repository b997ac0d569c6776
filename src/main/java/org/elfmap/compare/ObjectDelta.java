package org.elfmap.compare;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.elfmap.space.Kind;

/**
 * One object on both sides of a comparison: its VSZ per kind in A and in B (empty when the
 * object is on one side only).
 *
 * @param name  what matched the two sides: soname, else file name (the dynamic linker matches
 *              the dynamic linker whatever its architecture calls it)
 * @param elf   an ELF object (its file was read or predicted), not [heap], [anon] or a data file
 */
public record ObjectDelta(String name, Optional<String> aPath, Optional<String> bPath, Map<Kind, Long> a,
                          Map<Kind, Long> b, boolean elf) {

    public ObjectDelta {
        a = copy(a);
        b = copy(b);
    }

    private static Map<Kind, Long> copy(Map<Kind, Long> m) {
        EnumMap<Kind, Long> out = new EnumMap<>(Kind.class);
        out.putAll(m);
        return Collections.unmodifiableMap(out);
    }

    public long aBytes() {
        return a.values().stream().mapToLong(Long::longValue).sum();
    }

    public long bBytes() {
        return b.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deltaBytes() {
        return bBytes() - aBytes();
    }

    public long delta(Kind k) {
        return b.getOrDefault(k, 0L) - a.getOrDefault(k, 0L);
    }

    /** {@code "a"} or {@code "b"} for an object on one side only, else empty. */
    public Optional<String> only() {
        if (aPath.isEmpty()) {
            return Optional.of("b");
        }
        return bPath.isEmpty() ? Optional.of("a") : Optional.empty();
    }
}
