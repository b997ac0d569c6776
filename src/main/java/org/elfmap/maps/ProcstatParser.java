package org.elfmap.maps;

import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.BadInputException;
import org.elfmap.space.Usage;
import org.elfmap.space.Backing;
import org.elfmap.space.Perms;
import org.elfmap.space.PageSize;
import org.elfmap.space.RawPath;

/**
 * FreeBSD {@code procstat -v} ({@code usr.bin/procstat/procstat_vm.c}): an optional header
 * {@code PID START END PRT RES PRES REF SHD FLAG TP PATH}, then one line per entry. The type
 * column is two letters ({@code vn} vnode, {@code df} default, {@code sw} swap, {@code gd} guard,
 * {@code --} none, {@code dv}, {@code ph}, {@code sg}, {@code md} devices, {@code dd} dead); the
 * FLAG column is {@code CN} on old releases and {@code CNS-D}-style on newer ones. No VM object is
 * printed, so objects are told apart by path and shape only.
 */
public final class ProcstatParser implements MapsParser {
    static final String FORMAT = "procstat -v";
    private final PageSize page;

    public ProcstatParser(PageSize page) {
        this.page = page;
    }

    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        Fields f = new Fields(10);
        Line line = in.line();
        String pid = null;
        while (in.advance()) {
            if (line.isBlank() || isHeader(line, f)) {
                continue;
            }
            MapsEntry e = parseLine(line, f, in.where(), in.lineNo(), page);
            if (pid == null) {
                pid = f.text(line, 0);
            } else if (!f.is(line, 0, pid)) {
                throw new BadInputException(in.where() + ":" + in.lineNo(), "procstat output of several processes"
                        + " (pid " + pid + ", then " + f.text(line, 0) + "): explain one process at a time");
            }
            order.check(e);
            sink.entry(e);
        }
    }

    static boolean isHeader(Line line, Fields f) {
        f.split(line);
        return f.size() >= 2 && f.is(line, 0, "PID") && f.is(line, 1, "START");
    }

    static MapsEntry parseLine(Line line, Fields f, String where, long no, PageSize page) {
        f.split(line);
        if (f.size() < 10) {
            throw Fields.bad(where, no, FORMAT, "expected 'PID START END PRT RES PRES REF SHD FLAG TP PATH'", line);
        }
        f.count(line, 0, where, no, "pid", FORMAT);
        long start = f.address(line, 1, where, no, "start address");
        long end = f.address(line, 2, where, no, "end address");
        if (Long.compareUnsigned(end, start) <= 0) {
            throw Fields.bad(where, no, FORMAT, "end address is not above start address", line);
        }
        Perms prot = Perms.parse(line, f.from(3), f.to(3));
        if (prot == null || prot.sharing() != Perms.Sharing.UNSTATED) {
            throw Fields.bad(where, no, FORMAT, "protection '" + f.text(line, 3) + "' is not like 'r-x'", line);
        }
        long resident = f.count(line, 4, where, no, "resident", FORMAT);
        f.count(line, 5, where, no, "private resident", FORMAT);
        f.count(line, 6, where, no, "ref count", FORMAT);
        f.count(line, 7, where, no, "shadow count", FORMAT);
        if (!isFlags(line, f.from(8), f.to(8))) {
            throw Fields.bad(where, no, FORMAT, "flags '" + f.text(line, 8) + "' are not like 'CN---'", line);
        }
        Backing backing;
        if (f.oneOf(line, 9, "vn", "dv", "ph", "sg", "md", "dd") >= 0) {
            backing = Backing.FILE;
        } else if (f.oneOf(line, 9, "df", "sw", "--", "??") >= 0) {
            backing = Backing.ANON;
        } else if (f.is(line, 9, "gd")) {
            backing = Backing.GUARD;
        } else {
            throw Fields.bad(where, no, FORMAT, "unknown object type '" + f.text(line, 9) + "'", line);
        }
        RawPath path = f.size() > 10 ? line.path(f.from(10), f.to(10)) : RawPath.EMPTY;
        return new MapsEntry(start, end, prot, OptionalLong.empty(), "", path, backing,
                Optional.of(new Usage(Fields.pages(resident, page.bytes(), where, no, FORMAT, line), 0, 0)), no);
    }

    /** procstat's FLAG column: 2 to 6 of {@code C N S U D W -} ({@code procstat_vm.c}). */
    private static boolean isFlags(Line line, int from, int to) {
        if (to - from < 2 || to - from > 6) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if ("CNSUDW-".indexOf(line.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean looksLike(String text, PageSize page) {
        Line line = Line.of(text);
        Fields f = new Fields(10);
        if (isHeader(line, f)) {
            return true;
        }
        try {
            parseLine(line, f, "", 0, page);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }
}
