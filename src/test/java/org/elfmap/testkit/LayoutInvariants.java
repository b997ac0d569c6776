package org.elfmap.testkit;

import java.util.List;
import org.elfmap.space.Backing;
import org.elfmap.loader.Layout;
import org.elfmap.loader.Mapping;

/**
 * What every layout must satisfy, whatever file produced it: mappings in address order, disjoint,
 * on page boundaries, and a VSZ that is their sum without guard reservations. Shared by the
 * property tests and the fuzz tests so that both check the same rules; plain checks rather than
 * AssertJ because the fuzzer calls this millions of times.
 */
public final class LayoutInvariants {
    private LayoutInvariants() {
    }

    public static void check(Layout layout) {
        long page = layout.pageSize().bytes();
        List<Mapping> maps = layout.mappings();
        long vsz = 0;
        long total = 0;
        for (int i = 0; i < maps.size(); i++) {
            Mapping m = maps.get(i);
            require(m.start() >= 0, layout, i, "starts below 0");
            require(m.end() > m.start(), layout, i, "does not end above its start");
            require(m.start() % page == 0 && m.end() % page == 0, layout, i, "is not page-aligned");
            require(i == 0 || m.start() >= maps.get(i - 1).end(), layout, i, "overlaps or precedes the one before");
            require(m.fileOffset().orElse(0) >= 0, layout, i, "has a negative file offset");
            total += m.length();
            if (m.backing() != Backing.GUARD) {
                vsz += m.length();
            }
        }
        if (layout.vszBytes() != vsz) {
            throw new AssertionError(layout.loader() + ": vszBytes " + layout.vszBytes()
                    + " is not the sum of the non-guard mappings, " + vsz);
        }
        if (layout.gapBytes() < 0 || layout.gapBytes() > total) {
            throw new AssertionError(layout.loader() + ": gapBytes " + layout.gapBytes() + " out of [0, " + total + "]");
        }
    }

    private static void require(boolean ok, Layout layout, int i, String what) {
        if (!ok) {
            Mapping m = layout.mappings().get(i);
            throw new AssertionError(layout.loader() + " at " + layout.pageSize().label() + ": mapping " + i + " [0x"
                    + Long.toHexString(m.start()) + ", 0x" + Long.toHexString(m.end()) + ") " + what
                    + "; all: " + layout.mappings());
        }
    }
}
