package org.elfmap.maps;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.space.Usage;
import org.elfmap.space.Backing;
import org.elfmap.space.Perms;
import org.elfmap.space.PageSize;

/**
 * FreeBSD {@code /proc/PID/map} ({@code sys/fs/procfs/procfs_map.c}): {@code start end resident
 * privresident obj prot refcnt shadowcnt flags COW|NCOW NC|NNC type path}, addresses in
 * {@code 0x} hex (32- or 64-bit), resident counts in pages. Releases after 2007 append
 * {@code CH|NCH uid}. {@code resident} counts the VM object's pages in memory within the entry's
 * range: for a file that is the page cache, whether or not this process touched the pages.
 */
public final class FreeBsdMapParser implements MapsParser {
    static final String FORMAT = "FreeBSD procfs map";
    private static final Pattern CHARGED = Pattern.compile("^(.*?)\\s*\\bN?CH\\s+-?\\d+$");
    private final PageSize page;

    public FreeBsdMapParser(PageSize page) {
        this.page = page;
    }

    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        for (String line = in.next(); line != null; line = in.next()) {
            if (line.isBlank()) {
                continue;
            }
            MapsEntry e = parseLine(line, in.where(), in.lineNo(), page);
            order.check(e);
            sink.entry(e);
        }
    }

    static MapsEntry parseLine(String line, String where, long no, PageSize page) {
        List<String> f = Fields.split(line, 12);
        if (f.size() < 12) {
            throw Fields.bad(where, no, FORMAT, "expected 'start end resident privresident obj prot refcnt"
                    + " shadowcnt flags COW NC type path'", line);
        }
        long start = Fields.address(f.get(0), where, no, "start address", line);
        long end = Fields.address(f.get(1), where, no, "end address", line);
        if (Long.compareUnsigned(end, start) <= 0) {
            throw Fields.bad(where, no, FORMAT, "end address is not above start address", line);
        }
        long resident = Fields.count(f.get(2), where, no, "resident", line, FORMAT);
        Fields.count(f.get(3), where, no, "private resident", line, FORMAT);
        String obj = f.get(4);
        Perms prot = Perms.parse(f.get(5), 0, f.get(5).length());
        if (prot == null || prot.sharing() != Perms.Sharing.UNSTATED) {
            throw Fields.bad(where, no, FORMAT, "protection '" + f.get(5) + "' is not like 'r-x'", line);
        }
        Fields.count(f.get(6), where, no, "ref count", line, FORMAT);
        Fields.count(f.get(7), where, no, "shadow count", line, FORMAT);
        if (!f.get(8).startsWith("0x")) {
            throw Fields.bad(where, no, FORMAT, "flags '" + f.get(8) + "' are not hex", line);
        }
        if (!f.get(9).equals("COW") && !f.get(9).equals("NCOW")) {
            throw Fields.bad(where, no, FORMAT, "expected COW or NCOW, not '" + f.get(9) + "'", line);
        }
        if (!f.get(10).equals("NC") && !f.get(10).equals("NNC")) {
            throw Fields.bad(where, no, FORMAT, "expected NC or NNC, not '" + f.get(10) + "'", line);
        }
        Backing backing = switch (f.get(11)) {
            case "vnode", "device", "phys", "dead" -> Backing.FILE;
            case "default", "swap", "none", "unknown" -> Backing.ANON;
            default -> throw Fields.bad(where, no, FORMAT, "unknown object type '" + f.get(11) + "'", line);
        };
        String path = f.size() > 12 ? f.get(12) : "";
        Matcher charged = CHARGED.matcher(path);
        if (charged.matches()) {
            path = charged.group(1);
        }
        if (path.equals("-")) {
            path = "";
        }
        boolean noObject = obj.equals("0") || obj.equals("0x0") || obj.equals("(nil)") || obj.equals("NULL");
        return new MapsEntry(start, end, prot, OptionalLong.empty(), noObject ? "" : obj, LineReader.utf8(path),
                backing, Optional.of(new Usage(resident * page.bytes(), 0, 0)), no);
    }

    /** Whether a line looks like a procfs map line, for format detection. */
    static boolean looksLike(String line, PageSize page) {
        try {
            parseLine(line, "", 0, page);
            return true;
        } catch (org.elfmap.BadInputException e) {
            return false;
        }
    }
}
