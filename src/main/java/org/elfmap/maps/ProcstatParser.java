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
    private static final String FLAGS = "CGNSUDWLc-";
    private final PageSize page;

    public ProcstatParser(PageSize page) {
        this.page = page;
    }

    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        Fields f = new Fields(12);
        Line line = in.line();
        String pid = null;
        while (in.advance()) {
            if (line.isBlank()) {
                continue;
            }
            f.split(line, 10); // once: the header check, the entry and its PID read the same fields
            if (isHeader(line, f)) {
                continue;
            }
            MapsEntry e = parseSplit(line, f, in.where(), in.lineNo(), page);
            boolean none = f.is(line, 0, "-");
            if (pid == null && !none) {
                pid = f.text(line, 0);
            } else if (pid != null && !none && !f.is(line, 0, pid)) {
                throw new BadInputException(in.where() + ":" + in.lineNo(), "procstat output of several processes"
                        + " (pid " + pid + ", then " + f.text(line, 0) + "): explain one process at a time");
            }
            order.check(e);
            sink.entry(e);
        }
    }

    /** The column header, in fields already split. */
    private static boolean isHeader(Line line, Fields f) {
        return f.size() >= 2 && f.is(line, 0, "PID") && f.is(line, 1, "START");
    }

    /** A line split into its first 10 fields and the rest ({@code f.split(line, 10)}). */
    private static MapsEntry parseSplit(Line line, Fields f, String where, long no, PageSize page) {
        // the path is the rest of the line after TP (10 fields before it, 11 with RESERV)
        if (f.size() < 10) {
            throw Fields.bad(where, no, FORMAT, "expected 'PID START END PRT RES PRES REF SHD FLAG TP PATH'", line);
        }
        if (!f.is(line, 0, "-")) {
            f.count(line, 0, where, no, "pid", FORMAT);
        }
        long start = f.address(line, 1, where, no, "start address");
        long end = f.address(line, 2, where, no, "end address");
        if (Long.compareUnsigned(end, start) <= 0) {
            throw Fields.bad(where, no, FORMAT, "end address is not above start address", line);
        }
        // CheriBSD's procstat -v -v: a RESERV address before PRT
        int i = line.matches(f.from(3), "0x") ? 4 : 3;
        if (i == 4) {
            f.address(line, 3, where, no, "reservation");
            f.split(line, 11);
            if (f.size() < 11) {
                throw Fields.bad(where, no, FORMAT, "expected 'PID START END RESERV PRT RES PRES REF SHD FLAG TP"
                        + " PATH'", line);
            }
        }
        Perms prot = protection(line, f.from(i), f.to(i));
        if (prot == null) {
            throw Fields.bad(where, no, FORMAT, "protection '" + f.text(line, i) + "' is not like 'r-x' or CheriBSD's"
                    + " 'r-xR-'", line);
        }
        long resident = f.count(line, i + 1, where, no, "resident", FORMAT);
        f.count(line, i + 2, where, no, "private resident", FORMAT);
        f.count(line, i + 3, where, no, "ref count", FORMAT);
        f.count(line, i + 4, where, no, "shadow count", FORMAT);
        if (!isFlags(line, f.from(i + 5), f.to(i + 5))) {
            throw Fields.bad(where, no, FORMAT, "flags '" + f.text(line, i + 5) + "' are not like 'CN---'", line);
        }
        Backing backing;
        if (f.oneOf(line, i + 6, "vn", "dv", "ph", "sg", "md", "dd") >= 0) {
            backing = Backing.FILE;
        } else if (f.oneOf(line, i + 6, "df", "sw", "--", "??", "qu") >= 0) {
            backing = Backing.ANON;
        } else if (f.is(line, i + 6, "gd")) {
            backing = Backing.GUARD;
        } else {
            throw Fields.bad(where, no, FORMAT, "unknown object type '" + f.text(line, i + 6) + "'", line);
        }
        RawPath path = RawPath.EMPTY;
        if (f.size() > i + 7) {
            path = line.path(f.from(i + 7), line.trimSpace(f.from(i + 7), f.to(i + 7)));
        }
        return new MapsEntry(start, end, prot, OptionalLong.empty(), "", path, backing,
                Optional.of(new Usage(Fields.pages(resident, page.bytes(), where, no, FORMAT, line), 0, 0)), no);
    }

    /** The FLAG column: 2 to 6 of {@code C G N S U D W L c -} (every release's letters, CheriBSD's too). */
    private static boolean isFlags(Line line, int from, int to) {
        if (to - from < 2 || to - from > 6) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (FLAGS.indexOf(line.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code r-x}, or CheriBSD's {@code r-xRW}: its last two columns are the capability
     * permissions ({@code KVME_PROT_READ_CAP}, {@code KVME_PROT_WRITE_CAP}), which say nothing of
     * the pages' own protection.
     */
    static Perms protection(Line s, int from, int to) {
        if (to - from == 5) {
            if ("R-".indexOf(s.charAt(from + 3)) < 0 || "W-".indexOf(s.charAt(from + 4)) < 0) {
                return null;
            }
            to = from + 3;
        }
        Perms p = Perms.parse(s, from, to);
        return p == null || p.sharing() != Perms.Sharing.UNSTATED ? null : p;
    }

    static boolean looksLike(String text, PageSize page) {
        Line line = Line.of(text);
        Fields f = new Fields(12).split(line, 10);
        if (isHeader(line, f)) {
            return true;
        }
        try {
            parseSplit(line, f, "", 0, page);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }
}
