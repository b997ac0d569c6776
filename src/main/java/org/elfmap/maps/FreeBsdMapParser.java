package org.elfmap.maps;

import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.space.Usage;
import org.elfmap.space.Backing;
import org.elfmap.space.Perms;
import org.elfmap.space.PageSize;
import org.elfmap.space.RawPath;

/**
 * FreeBSD {@code /proc/PID/map} ({@code sys/fs/procfs/procfs_map.c}): {@code start end resident
 * privresident obj prot refcnt shadowcnt flags COW|NCOW NC|NNC type path}, addresses in
 * {@code 0x} hex (32- or 64-bit), resident counts in pages. Releases after 2007 append
 * {@code CH|NCH uid}. {@code resident} counts the VM object's pages in memory within the entry's
 * range: for a file that is the page cache, whether or not this process touched the pages.
 */
public final class FreeBsdMapParser implements MapsParser {
    static final String FORMAT = "FreeBSD procfs map";
    private final PageSize page;

    public FreeBsdMapParser(PageSize page) {
        this.page = page;
    }

    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        Fields f = new Fields(12);
        Line line = in.line();
        while (in.advance()) {
            if (line.isBlank()) {
                continue;
            }
            MapsEntry e = parseLine(line, f, in.where(), in.lineNo(), page);
            order.check(e);
            sink.entry(e);
        }
    }

    static MapsEntry parseLine(Line line, Fields f, String where, long no, PageSize page) {
        f.split(line);
        if (f.size() < 12) {
            throw Fields.bad(where, no, FORMAT, "expected 'start end resident privresident obj prot refcnt"
                    + " shadowcnt flags COW NC type path'", line);
        }
        long start = f.address(line, 0, where, no, "start address");
        long end = f.address(line, 1, where, no, "end address");
        if (Long.compareUnsigned(end, start) <= 0) {
            throw Fields.bad(where, no, FORMAT, "end address is not above start address", line);
        }
        long resident = f.count(line, 2, where, no, "resident", FORMAT);
        f.count(line, 3, where, no, "private resident", FORMAT);
        Perms prot = Perms.parse(line, f.from(5), f.to(5));
        if (prot == null || prot.sharing() != Perms.Sharing.UNSTATED) {
            throw Fields.bad(where, no, FORMAT, "protection '" + f.text(line, 5) + "' is not like 'r-x'", line);
        }
        f.count(line, 6, where, no, "ref count", FORMAT);
        f.count(line, 7, where, no, "shadow count", FORMAT);
        if (!line.matches(f.from(8), "0x")) {
            throw Fields.bad(where, no, FORMAT, "flags '" + f.text(line, 8) + "' are not hex", line);
        }
        if (f.oneOf(line, 9, "COW", "NCOW") < 0) {
            throw Fields.bad(where, no, FORMAT, "expected COW or NCOW, not '" + f.text(line, 9) + "'", line);
        }
        if (f.oneOf(line, 10, "NC", "NNC") < 0) {
            throw Fields.bad(where, no, FORMAT, "expected NC or NNC, not '" + f.text(line, 10) + "'", line);
        }
        Backing backing;
        if (f.oneOf(line, 11, "vnode", "device", "phys", "dead") >= 0) {
            backing = Backing.FILE;
        } else if (f.oneOf(line, 11, "default", "swap", "none", "unknown") >= 0) {
            backing = Backing.ANON;
        } else {
            throw Fields.bad(where, no, FORMAT, "unknown object type '" + f.text(line, 11) + "'", line);
        }
        RawPath path = RawPath.EMPTY;
        if (f.size() > 12) {
            int to = withoutCharge(line, f.from(12), f.to(12));
            path = to - f.from(12) == 1 && line.charAt(f.from(12)) == '-' ? RawPath.EMPTY : line.path(f.from(12), to);
        }
        boolean noObject = f.oneOf(line, 4, "0", "0x0", "(nil)", "NULL") >= 0;
        return new MapsEntry(start, end, prot, OptionalLong.empty(), noObject ? "" : f.text(line, 4), path,
                backing, Optional.of(new Usage(Fields.pages(resident, page.bytes(), where, no, FORMAT, line), 0, 0)),
                no);
    }

    /**
     * Where the path in {@code [from, to)} ends once the {@code CH uid} or {@code NCH uid} columns
     * that releases after 2007 append are cut off (with the blanks before them), or {@code to}
     * when they are not there: the columns are {@code \bN?CH\s+-?\d+} at the very end (with
     * {@link Line#isSpace} for {@code \s}).
     */
    static int withoutCharge(Line line, int from, int to) {
        int i = to;
        while (i > from && line.charAt(i - 1) >= '0' && line.charAt(i - 1) <= '9') {
            i--;
        }
        if (i == to) {
            return to;
        }
        if (i > from && line.charAt(i - 1) == '-') {
            i--;
        }
        int digits = i;
        while (i > from && Line.isSpace(line.charAt(i - 1))) {
            i--;
        }
        if (i == digits || i - from < 2 || line.charAt(i - 1) != 'H' || line.charAt(i - 2) != 'C') {
            return to;
        }
        i -= 2;
        if (i > from && line.charAt(i - 1) == 'N') {
            i--;
        }
        if (i > from && isWord(line.charAt(i - 1))) {
            return to;
        }
        while (i > from && Line.isSpace(line.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** {@code \w} of java.util.regex. */
    private static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Whether a line looks like a procfs map line, for format detection. */
    static boolean looksLike(String line, PageSize page) {
        try {
            parseLine(Line.of(line), new Fields(12), "", 0, page);
            return true;
        } catch (org.elfmap.BadInputException e) {
            return false;
        }
    }
}
