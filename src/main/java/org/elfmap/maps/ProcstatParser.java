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
 * FreeBSD {@code procstat -v} / {@code procstat vm} ({@code usr.bin/procstat/procstat_vm.c}), of
 * every release from 7 and of CheriBSD: an optional header, then one line per map entry,
 * {@code PID START END [RESERV] PRT RES PRES REF SHD FLAG TP PATH}. What changed by release:
 *
 * <ul>
 * <li>7.x/8.x: header {@code FL}, two flag letters {@code C} (copy-on-write) {@code N} (needs
 *     copy); types {@code -- df vn sw dv ph dd sg ??};</li>
 * <li>9.x/10.x: four letters, {@code S} (superpages) and {@code U}/{@code D} (grows up/down);
 *     type {@code md} (managed device);</li>
 * <li>11+ (libxo): header {@code FLAG}, a fifth letter {@code W} (user-wired); 12+ type
 *     {@code gd} for {@code MAP_GUARD} entries ({@code KVME_TYPE_GUARD}, protection {@code ---});</li>
 * <li>CheriBSD: PRT has two more columns, load and store of capabilities ({@code r--R-},
 *     {@code rw-RW}); a sixth flag letter {@code c} (holds capabilities); {@code G} in the first
 *     flag column for a guard and {@code -} for an unmapped entry; type {@code qu}
 *     (quarantined); {@code -v -v} adds a {@code RESERV} column after END; PID {@code -} for
 *     entries without one; {@code sysvshm(...)} or {@code posixshm@} before the path.</li>
 * </ul>
 * No VM object and no file offset are printed, so objects are told apart by path and shape only.
 * RES counts resident pages.
 */
public final class ProcstatParser implements MapsParser {
    static final String FORMAT = "procstat -v";
    private static final String FLAGS = "[CGNSUDWLc-]{2,6}";
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
            if (pid == null && !p.equals("-")) {
                pid = p;
            } else if (pid != null && !p.equals("-") && !pid.equals(p)) {
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
        List<String> f = Fields.split(line, 11);
        if (f.size() < 10) {
            throw Fields.bad(where, no, FORMAT, "expected 'PID START END PRT RES PRES REF SHD FLAG TP PATH'", line);
        }
        if (!f.get(0).equals("-")) {
            Fields.count(f.get(0), where, no, "pid", line, FORMAT);
        }
        long start = Fields.address(f.get(1), where, no, "start address", line);
        long end = Fields.address(f.get(2), where, no, "end address", line);
        if (Long.compareUnsigned(end, start) <= 0) {
            throw Fields.bad(where, no, FORMAT, "end address is not above start address", line);
        }
        // CheriBSD's procstat -v -v: a RESERV address before PRT
        int i = f.get(3).startsWith("0x") ? 4 : 3;
        if (i == 4) {
            Fields.address(f.get(3), where, no, "reservation", line);
            f = Fields.split(line, 12);
            if (f.size() < 11) {
                throw Fields.bad(where, no, FORMAT, "expected 'PID START END RESERV PRT RES PRES REF SHD FLAG TP"
                        + " PATH'", line);
            }
        }
        Perms prot = protection(f.get(i));
        if (prot == null) {
            throw Fields.bad(where, no, FORMAT, "protection '" + f.get(i) + "' is not like 'r-x' or CheriBSD's"
                    + " 'r-xR-'", line);
        }
        long resident = Fields.count(f.get(i + 1), where, no, "resident", line, FORMAT);
        Fields.count(f.get(i + 2), where, no, "private resident", line, FORMAT);
        Fields.count(f.get(i + 3), where, no, "ref count", line, FORMAT);
        Fields.count(f.get(i + 4), where, no, "shadow count", line, FORMAT);
        if (!f.get(i + 5).matches(FLAGS)) {
            throw Fields.bad(where, no, FORMAT, "flags '" + f.get(i + 5) + "' are not like 'CN---'", line);
        }
        String type = f.get(i + 6);
        Backing backing = switch (type) {
            case "vn", "dv", "ph", "sg", "md", "dd" -> Backing.FILE;
            case "df", "sw", "--", "??", "qu" -> Backing.ANON;
            case "gd" -> Backing.GUARD;
            default -> throw Fields.bad(where, no, FORMAT, "unknown object type '" + type + "'", line);
        };
        String path = f.size() > i + 7 ? f.get(i + 7).strip() : "";
        return new MapsEntry(start, end, prot, OptionalLong.empty(), "", LineReader.utf8(path), backing,
                Optional.of(new Usage(resident * page.bytes(), 0, 0)), no);
    }

    /**
     * {@code r-x}, or CheriBSD's {@code r-xRW}: its last two columns are the capability
     * permissions ({@code KVME_PROT_READ_CAP}, {@code KVME_PROT_WRITE_CAP}), which say nothing of
     * the pages' own protection.
     */
    static Perms protection(String s) {
        if (s.length() == 5) {
            if ("R-".indexOf(s.charAt(3)) < 0 || "W-".indexOf(s.charAt(4)) < 0) {
                return null;
            }
            s = s.substring(0, 3);
        }
        Perms p = Perms.parse(s, 0, s.length());
        return p == null || p.sharing() != Perms.Sharing.UNSTATED ? null : p;
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
