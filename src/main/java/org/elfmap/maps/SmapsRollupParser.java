package org.elfmap.maps;

import org.elfmap.BadInputException;
import org.elfmap.space.Usage;

/**
 * Linux {@code /proc/PID/smaps_rollup}: one pseudo-entry {@code [rollup]} spanning the whole
 * address space, then the same fields as smaps summed over every mapping. It has no entries to
 * attribute: it gives whole-process RSS, PSS and swap, each at most an address space (2^57 bytes,
 * {@link Order#MAX_SPACE}).
 */
public final class SmapsRollupParser implements MapsParser {
    private static final String ANY_SPACE = "any process's address space";

    @Override
    public void parse(LineReader in, EntrySink sink) {
        Line line = in.line();
        boolean any;
        while ((any = in.advance()) && line.isBlank()) {
            // leading blank lines
        }
        if (!any || !LinuxMapsLine.isHeader(line) || !line.toString().endsWith("[rollup]")) {
            throw new BadInputException(in.where() + ":" + Math.max(1, in.lineNo()),
                    "not smaps_rollup: expected a first line ending in '[rollup]'");
        }
        LinuxMapsLine.parse(line, in.where(), in.lineNo());
        long rss = -1;
        long pss = -1;
        long swap = 0;
        while (in.advance()) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':', 0);
            if (colon <= 0) {
                throw new BadInputException(in.where() + ":" + in.lineNo(),
                        "not smaps_rollup: expected 'Field: value kB': '" + LinuxMapsLine.shorten(line) + "'");
            }
            if (colon == 3 && line.matches(0, "Rss")) {
                rss = LinuxSmapsParser.size(line, colon, in, Order.MAX_SPACE, ANY_SPACE);
            } else if (colon == 3 && line.matches(0, "Pss")) {
                pss = LinuxSmapsParser.size(line, colon, in, Order.MAX_SPACE, ANY_SPACE);
            } else if (colon == 4 && line.matches(0, "Swap")) {
                swap = LinuxSmapsParser.size(line, colon, in, Order.MAX_SPACE, ANY_SPACE);
            }
            // the split of Pss into anon/file/shmem and the rest are not needed
        }
        if (rss < 0 || pss < 0) {
            throw new BadInputException(in.where(), "smaps_rollup without Rss and Pss lines");
        }
        sink.rollup(new Usage(rss, pss, swap));
    }
}
