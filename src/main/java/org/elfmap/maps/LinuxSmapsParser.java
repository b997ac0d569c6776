package org.elfmap.maps;

import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.Usage;

/**
 * Linux {@code /proc/PID/smaps} ({@code fs/proc/task_mmu.c}, {@code show_smap}): a maps line,
 * then {@code Key: value kB} lines for that mapping. Only {@code Rss}, {@code Pss} and
 * {@code Swap} are kept; other fields are checked for shape and skipped.
 */
public final class LinuxSmapsParser implements MapsParser {
    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        MapsEntry current = null;
        long rss = 0;
        long pss = 0;
        long swap = 0;
        for (String line = in.next(); line != null; line = in.next()) {
            if (line.isBlank()) {
                continue;
            }
            if (LinuxMapsLine.isHeader(line)) {
                if (current != null) {
                    sink.entry(current.withUsage(Optional.of(new Usage(rss, pss, swap))));
                }
                current = LinuxMapsLine.parse(line, in.where(), in.lineNo());
                order.check(current);
                rss = 0;
                pss = 0;
                swap = 0;
                continue;
            }
            if (current == null) {
                throw new BadInputException(in.where() + ":" + in.lineNo(),
                        "not smaps: a field line before any mapping line: '" + shorten(line) + "'");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadInputException(in.where() + ":" + in.lineNo(),
                        "not smaps: expected 'Field: value' or a mapping line: '" + shorten(line) + "'");
            }
            switch (line.substring(0, colon)) {
                case "Rss" -> rss = kib(line, colon, in);
                case "Pss" -> pss = kib(line, colon, in);
                case "Swap" -> swap = kib(line, colon, in);
                default -> {
                    // other fields (Shared_Clean, VmFlags, THPeligible...) are not needed
                }
            }
        }
        if (current != null) {
            sink.entry(current.withUsage(Optional.of(new Usage(rss, pss, swap))));
        }
    }

    /** {@code "Rss:    1708 kB"} in bytes. Shared with the rollup parser: the same field format. */
    static long kib(String line, int colon, LineReader in) {
        int i = colon + 1;
        int n = line.length();
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        while (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            v = v * 10 + (line.charAt(i) - '0');
            i++;
            if (++digits > 18) {
                break;
            }
        }
        if (digits == 0 || digits > 18 || !line.substring(i).strip().equals("kB")) {
            throw new BadInputException(in.where() + ":" + in.lineNo(),
                    "not smaps: expected a size in kB: '" + shorten(line) + "'");
        }
        return v * 1024;
    }

    static String shorten(String line) {
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
