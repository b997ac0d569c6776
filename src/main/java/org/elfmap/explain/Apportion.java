package org.elfmap.explain;

import org.elfmap.space.Usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.space.PageSize;

/**
 * Shares one observed entry's RSS/PSS/swap among the parts it is cut into. smaps gives one figure
 * per entry, not per page, so the split follows what can be known: parts that nothing reads (a
 * gap) get resident pages only when the others cannot hold them all, no part gets more resident
 * memory than its length, and the parts add up to the entry exactly. Observed here: musl's text
 * and gap, merged into one entry, show 16 resident pages for a one-page text, because the kernel's
 * fault-around maps the file pages next to a faulting page; those pages belong to the gap.
 */
final class Apportion {
    private Apportion() {
    }

    /** {@code lengths[i]} bytes per part; {@code untouched[i]} for parts that nothing reads. */
    static List<Optional<Usage>> split(Optional<Usage> usage, long[] lengths, boolean[] untouched, PageSize page) {
        int n = lengths.length;
        List<Optional<Usage>> out = new ArrayList<>(n);
        if (usage.isEmpty()) {
            for (int i = 0; i < n; i++) {
                out.add(Optional.empty());
            }
            return out;
        }
        Usage u = usage.get();
        long[] rss = new long[n];
        long left = fill(u.rssBytes(), lengths, untouched, false, rss, page);
        left = fill(left, lengths, untouched, true, rss, page);
        rss[lastOf(untouched, false, n)] += left; // only when the input claims more than the entry's length
        long[] pss = proportional(u.pssBytes(), u.rssBytes() > 0 ? rss : touchedLengths(lengths, untouched), page);
        long[] swap = proportional(u.swapBytes(), touchedLengths(lengths, untouched), page);
        for (int i = 0; i < n; i++) {
            out.add(Optional.of(new Usage(rss[i], pss[i], swap[i])));
        }
        return out;
    }

    /**
     * Gives {@code total} to the parts of one class ({@code gaps}: the untouched ones), by size in
     * whole pages, each at most its length; returns what did not fit.
     */
    private static long fill(long total, long[] lengths, boolean[] untouched, boolean gaps, long[] into, PageSize page) {
        long room = 0;
        int last = -1;
        for (int i = 0; i < lengths.length; i++) {
            if (untouched[i] == gaps) {
                room += lengths[i];
                last = i;
            }
        }
        if (last < 0 || total == 0) {
            return total;
        }
        if (total >= room) {
            for (int i = 0; i < lengths.length; i++) {
                if (untouched[i] == gaps) {
                    into[i] += lengths[i];
                }
            }
            return total - room;
        }
        long given = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (untouched[i] != gaps) {
                continue;
            }
            long share = i == last ? total - given
                    : Math.min(lengths[i], page.down((long) ((double) total * lengths[i] / room)));
            into[i] += share;
            given += share;
        }
        return 0;
    }

    private static int lastOf(boolean[] untouched, boolean gaps, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (untouched[i] == gaps) {
                return i;
            }
        }
        return n - 1;
    }

    private static long[] touchedLengths(long[] lengths, boolean[] untouched) {
        long[] w = new long[lengths.length];
        boolean any = false;
        for (int i = 0; i < lengths.length; i++) {
            any |= !untouched[i];
        }
        for (int i = 0; i < lengths.length; i++) {
            w[i] = !any || !untouched[i] ? lengths[i] : 0;
        }
        return w;
    }

    /** {@code total} shared by {@code weights}, the last weighted part taking the remainder. */
    private static long[] proportional(long total, long[] weights, PageSize page) {
        long[] out = new long[weights.length];
        long sum = 0;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            if (weights[i] > 0) {
                last = i;
            }
        }
        if (total == 0) {
            return out;
        }
        if (last < 0) {
            out[weights.length - 1] = total;
            return out;
        }
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                continue;
            }
            long share = i == last ? total - given : (long) ((double) total * weights[i] / sum);
            out[i] = share;
            given += share;
        }
        return out;
    }
}
