package org.elfmap.maps;

import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.Usage;

/**
 * Linux {@code /proc/PID/smaps} ({@code fs/proc/task_mmu.c}, {@code show_smap}): a maps line,
 * then {@code Key: value kB} lines for that mapping. Only {@code Rss}, {@code Pss} and
 * {@code Swap} are kept; other fields must have a name and a colon and are skipped unread (a
 * field line costs a scan to its colon and nothing else).
 *
 * <p>A size is at most the mapping's own size: the kernel counts resident, proportional and
 * swapped pages inside the mapping's range ({@code smaps_pte_entry}), so {@code Rss: 18014398509481983
 * kB} (which times 1024 overflows a long) in a 4 KiB mapping is not a capture. With every entry and
 * the whole map bounded ({@link Order}), no sum of these sizes can overflow.
 *
 * <p>The kernel writes {@code Size} and {@code Rss} for every mapping ({@code show_smap},
 * {@code __show_smap}), so a mapping line followed by another with no {@code Rss} between them is
 * not smaps: a plain maps capture read with {@code --input-format linux-smaps} would otherwise
 * report every RSS and PSS as 0. Only the last entry, if it has fields, may lack it (a capture cut
 * short).
 */
public final class LinuxSmapsParser implements MapsParser {
    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        Line line = in.line();
        MapsEntry current = null;
        long rss = 0;
        long pss = 0;
        long swap = 0;
        boolean sawRss = false;
        boolean sawField = false;
        long mappingLine = 0;
        while (in.advance()) {
            // a field's name has no '-' before its colon; a mapping line's range has one (its
            // device's colon comes after it): one scan to whichever comes first decides
            int stop = line.indexOfEither(':', '-', 0);
            boolean fieldName = stop > 0 && line.charAt(stop) == ':';
            int colon = stop < 0 || line.charAt(stop) == ':' ? stop : line.indexOf(':', stop + 1);
            if (!fieldName) {
                if (line.isBlank()) {
                    continue;
                }
                if (LinuxMapsLine.isHeader(line)) {
                    if (current != null) {
                        if (!sawRss) {
                            throw noRss(in, mappingLine, sawField);
                        }
                        sink.entry(current.withUsage(Optional.of(new Usage(rss, pss, swap))));
                    }
                    current = LinuxMapsLine.parse(line, in.where(), in.lineNo());
                    order.check(current);
                    mappingLine = in.lineNo();
                    sawRss = false;
                    sawField = false;
                    rss = 0;
                    pss = 0;
                    swap = 0;
                    continue;
                }
            }
            if (current == null) {
                throw new BadInputException(in.where() + ":" + in.lineNo(),
                        "not smaps: a field line before any mapping line: '" + LinuxMapsLine.shorten(line) + "'");
            }
            if (colon <= 0) {
                throw new BadInputException(in.where() + ":" + in.lineNo(),
                        "not smaps: expected 'Field: value' or a mapping line: '" + LinuxMapsLine.shorten(line) + "'");
            }
            sawField = true;
            if (colon == 3 && line.matches(0, "Rss")) {
                rss = size(line, colon, in, current.length(), MAPPING);
                sawRss = true;
            } else if (colon == 3 && line.matches(0, "Pss")) {
                pss = size(line, colon, in, current.length(), MAPPING);
            } else if (colon == 4 && line.matches(0, "Swap")) {
                swap = size(line, colon, in, current.length(), MAPPING);
            }
            // other fields (Shared_Clean, VmFlags, THPeligible...) are not needed
        }
        if (current != null) {
            if (!sawField) {
                throw noRss(in, mappingLine, false);
            }
            sink.entry(current.withUsage(Optional.of(new Usage(rss, pss, swap))));
        }
    }

    private static BadInputException noRss(LineReader in, long mappingLine, boolean otherFields) {
        return new BadInputException(in.where() + ":" + mappingLine, otherFields
                ? "not smaps: the mapping on this line has no Rss field before the next mapping line"
                : "not smaps: the mapping on this line has no Size/Rss fields: a maps capture?"
                        + " (--input-format linux-maps reads one)");
    }

    private static final String MAPPING = "the mapping";

    /**
     * {@code "Rss:    1708 kB"} in bytes, at most {@code most} bytes ({@code mostIs} says what
     * that is: the mapping, or any address space).
     */
    static long size(Line line, int colon, LineReader in, long most, String mostIs) {
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
        if (digits == 0 || digits > 18 || !isKb(line, i)) {
            throw new BadInputException(in.where() + ":" + in.lineNo(),
                    "not smaps: expected a size in kB: '" + LinuxMapsLine.shorten(line) + "'");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(v, 1024L);
        } catch (ArithmeticException e) {
            bytes = -1;
        }
        if (bytes < 0 || Long.compareUnsigned(bytes, most) > 0) {
            throw new BadInputException(in.where() + ":" + in.lineNo(), line.text(0, colon) + " " + v
                    + " kB is larger than " + mostIs + " (" + Long.toUnsignedString(most / 1024) + " kB): not a capture");
        }
        return bytes;
    }

    /** Whether what follows {@code at} is {@code kB}, white space around it ({@link String#strip}'s rule). */
    private static boolean isKb(Line line, int at) {
        int from = line.skipSpace(at, line.length());
        return line.equals(from, line.trimSpace(from, line.length()), "kB");
    }
}
