package org.elfmap.maps;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.BadInputException;
import org.elfmap.space.Usage;
import org.elfmap.space.Backing;
import org.elfmap.space.Perms;
import org.elfmap.space.PageSize;

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
        String pid = null;
        for (String line = in.next(); line != null; line = in.next()) {
            if (line.isBlank() || isHeader(line)) {
                continue;
            }
            MapsEntry e = parseLine(line, in.where(), in.lineNo(), page);
            String p = Fields.split(line, 1).get(0);
            if (pid == null) {
                pid = p;
            } else if (!pid.equals(p)) {
                throw new BadInputException(in.where() + ":" + in.lineNo(), "procstat output of several processes"
                        + " (pid " + pid + ", then " + p + "): explain one process at a time");
            }
            order.check(e);
            sink.entry(e);
        }
    }

    static boolean isHeader(String line) {
        List<String> f = Fields.split(line, 2);
        return f.size() >= 2 && f.get(0).equals("PID") && f.get(1).equals("START");
    }

    static MapsEntry parseLine(String line, String where, long no, PageSize page) {
        List<String> f = Fields.split(line, 10);
        if (f.size() < 10) {
            throw Fields.bad(where, no, FORMAT, "expected 'PID START END PRT RES PRES REF SHD FLAG TP PATH'", line);
        }
        Fields.count(f.get(0), where, no, "pid", line, FORMAT);
        long start = Fields.address(f.get(1), where, no, "start address", line);
        long end = Fields.address(f.get(2), where, no, "end address", line);
        if (Long.compareUnsigned(end, start) <= 0) {
            throw Fields.bad(where, no, FORMAT, "end address is not above start address", line);
        }
        Perms prot = Perms.parse(f.get(3), 0, f.get(3).length());
        if (prot == null || prot.sharing() != Perms.Sharing.UNSTATED) {
            throw Fields.bad(where, no, FORMAT, "protection '" + f.get(3) + "' is not like 'r-x'", line);
        }
        long resident = Fields.count(f.get(4), where, no, "resident", line, FORMAT);
        Fields.count(f.get(5), where, no, "private resident", line, FORMAT);
        Fields.count(f.get(6), where, no, "ref count", line, FORMAT);
        Fields.count(f.get(7), where, no, "shadow count", line, FORMAT);
        if (!f.get(8).matches("[CNSUDW-]{2,6}")) {
            throw Fields.bad(where, no, FORMAT, "flags '" + f.get(8) + "' are not like 'CN---'", line);
        }
        Backing backing = switch (f.get(9)) {
            case "vn", "dv", "ph", "sg", "md", "dd" -> Backing.FILE;
            case "df", "sw", "--", "??" -> Backing.ANON;
            case "gd" -> Backing.GUARD;
            default -> throw Fields.bad(where, no, FORMAT, "unknown object type '" + f.get(9) + "'", line);
        };
        String path = f.size() > 10 ? f.get(10) : "";
        return new MapsEntry(start, end, prot, OptionalLong.empty(), "", LineReader.utf8(path), backing,
                Optional.of(new Usage(resident * page.bytes(), 0, 0)), no);
    }

    static boolean looksLike(String line, PageSize page) {
        if (isHeader(line)) {
            return true;
        }
        try {
            parseLine(line, "", 0, page);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }
}
