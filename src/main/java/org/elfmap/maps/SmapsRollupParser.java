package org.elfmap.maps;

import org.elfmap.BadInputException;
import org.elfmap.space.Usage;

/**
 * Linux {@code /proc/PID/smaps_rollup}: one pseudo-entry {@code [rollup]} spanning the whole
 * address space, then the same fields as smaps summed over every mapping. It has no entries to
 * attribute: it gives whole-process RSS, PSS and swap.
 */
public final class SmapsRollupParser implements MapsParser {
    @Override
    public void parse(LineReader in, EntrySink sink) {
        String first = in.next();
        while (first != null && first.isBlank()) {
            first = in.next();
        }
        if (first == null || !LinuxMapsLine.isHeader(first) || !first.endsWith("[rollup]")) {
            throw new BadInputException(in.where() + ":" + Math.max(1, in.lineNo()),
                    "not smaps_rollup: expected a first line ending in '[rollup]'");
        }
        LinuxMapsLine.parse(first, in.where(), in.lineNo());
        long rss = -1;
        long pss = -1;
        long swap = 0;
        for (String line = in.next(); line != null; line = in.next()) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadInputException(in.where() + ":" + in.lineNo(),
                        "not smaps_rollup: expected 'Field: value kB': '" + LinuxSmapsParser.shorten(line) + "'");
            }
            switch (line.substring(0, colon)) {
                case "Rss" -> rss = LinuxSmapsParser.kib(line, colon, in);
                case "Pss" -> pss = LinuxSmapsParser.kib(line, colon, in);
                case "Swap" -> swap = LinuxSmapsParser.kib(line, colon, in);
                default -> {
                    // the split of Pss into anon/file/shmem and the rest are not needed
                }
            }
        }
        if (rss < 0 || pss < 0) {
            throw new BadInputException(in.where(), "smaps_rollup without Rss and Pss lines");
        }
        sink.rollup(new Usage(rss, pss, swap));
    }
}
