package org.elfmap.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.loader.PageSize;

/**
 * Shares one observed entry's RSS/PSS among the parts it is cut into. smaps gives one figure per
 * entry, not per page: parts that cannot have been touched (a gap: PROT_NONE, or file pages past
 * the segments that no code reads) get none; the others share the rest by size, in whole pages,
 * the last part taking the remainder so that the parts add up to the entry exactly.
 */
final class Apportion {
    private Apportion() {
    }

    /** {@code lengths[i]} bytes per part; {@code untouched[i]} for parts that get nothing. */
    static List<Optional<Usage>> split(Optional<Usage> usage, long[] lengths, boolean[] untouched, PageSize page) {
        List<Optional<Usage>> out = new ArrayList<>(lengths.length);
        if (usage.isEmpty()) {
            for (int i = 0; i < lengths.length; i++) {
                out.add(Optional.empty());
            }
            return out;
        }
        boolean anyTouched = false;
        long touchedBytes = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (!untouched[i]) {
                anyTouched = true;
                touchedBytes += lengths[i];
            }
        }
        if (!anyTouched) {
            untouched = new boolean[lengths.length];
            for (long l : lengths) {
                touchedBytes += l;
            }
        }
        Usage u = usage.get();
        int last = -1;
        for (int i = 0; i < lengths.length; i++) {
            if (!untouched[i]) {
                last = i;
            }
        }
        Usage given = Usage.ZERO;
        for (int i = 0; i < lengths.length; i++) {
            if (untouched[i]) {
                out.add(Optional.of(Usage.ZERO));
            } else if (i == last) {
                out.add(Optional.of(new Usage(u.rssBytes() - given.rssBytes(), u.pssBytes() - given.pssBytes(),
                        u.swapBytes() - given.swapBytes())));
            } else {
                Usage share = new Usage(share(u.rssBytes(), lengths[i], touchedBytes, page),
                        share(u.pssBytes(), lengths[i], touchedBytes, page),
                        share(u.swapBytes(), lengths[i], touchedBytes, page));
                given = given.plus(share);
                out.add(Optional.of(share));
            }
        }
        return out;
    }

    private static long share(long total, long part, long whole, PageSize page) {
        if (whole == 0) {
            return 0;
        }
        long s = (long) ((double) total * part / whole);
        return Math.min(total, page.down(s));
    }
}
