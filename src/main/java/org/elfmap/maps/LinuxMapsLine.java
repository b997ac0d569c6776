package org.elfmap.maps;

import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.BadInputException;
import org.elfmap.space.Backing;
import org.elfmap.space.Perms;
import org.elfmap.space.RawPath;

/**
 * One line of Linux {@code /proc/PID/maps} ({@code fs/proc/task_mmu.c}, {@code show_map_vma}):
 * {@code start-end perms offset major:minor inode [path]}, the path starting at a fixed column
 * and possibly containing spaces or ending in {@code " (deleted)"}. Parsed in place from the
 * reader's bytes, numbers digit by digit: a capture may have a million of these lines, and a
 * scan of every process reads tens of thousands. The path is kept as bytes ({@link RawPath}).
 */
public final class LinuxMapsLine {
    private LinuxMapsLine() {
    }

    /** Parses one line; {@code where} and {@code lineNo} name it in the error if it is not a maps line. */
    public static MapsEntry parse(String line, String where, long lineNo) {
        return parse(Line.of(line), where, lineNo);
    }

    /** Parses the reader's current line (see {@link #parse(String, String, long)}). */
    public static MapsEntry parse(Line line, String where, long lineNo) {
        int dash = line.indexOf('-', 0);
        int sp1 = line.indexOf(' ', 0);
        if (dash <= 0 || sp1 < dash) {
            throw bad(where, lineNo, "expected 'start-end perms offset dev inode [path]'", line);
        }
        int sp2 = line.indexOf(' ', sp1 + 1);
        int sp3 = sp2 < 0 ? -1 : line.indexOf(' ', sp2 + 1);
        int sp4 = sp3 < 0 ? -1 : line.indexOf(' ', sp3 + 1);
        if (sp2 < 0 || sp3 < 0) {
            throw bad(where, lineNo, "too few fields", line);
        }
        long start = hex(line, 0, dash, where, lineNo, "start address");
        long end = hex(line, dash + 1, sp1, where, lineNo, "end address");
        if (Long.compareUnsigned(end, start) <= 0) {
            throw bad(where, lineNo, "end address is not above start address", line);
        }
        Perms perms = sp2 - sp1 == 5 ? Perms.parse(line, sp1 + 1, sp2) : null;
        if (perms == null) {
            throw bad(where, lineNo, "permissions '" + line.text(sp1 + 1, sp2) + "' are not like 'r-xp'", line);
        }
        long offset = hex(line, sp2 + 1, sp3, where, lineNo, "offset");
        int devEnd = sp4 < 0 ? line.length() : sp4;
        if (!isDevice(line, sp3 + 1, devEnd)) {
            throw bad(where, lineNo, "device '" + line.text(sp3 + 1, devEnd) + "' is not like 'fe:00'", line);
        }
        long inode = 0;
        int inoStart = -1;
        int inoEnd = -1;
        RawPath path = RawPath.EMPTY;
        if (sp4 >= 0) {
            inoStart = sp4 + 1;
            int e = line.indexOf(' ', inoStart);
            inoEnd = e < 0 ? line.length() : e;
            inode = decimal(line, inoStart, inoEnd, where, lineNo);
            if (e >= 0) {
                path = line.path(line.skipSpace(e + 1, line.length()), line.length());
            }
        }
        String object = inode == 0 ? "" : line.text(sp3 + 1, inoEnd).replace(' ', ':');
        Backing backing = inode != 0 || (!path.isEmpty() && path.bytes()[0] != '[') ? Backing.FILE : Backing.ANON;
        return new MapsEntry(start, end, perms, OptionalLong.of(offset), object, path, backing, Optional.empty(),
                lineNo);
    }

    /** Whether a line looks like a maps line (for format detection), without throwing. */
    public static boolean looksLike(String line) {
        try {
            parse(line, "", 0);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** A smaps header line begins with hex digits followed by '-'; a field line ({@code Rss:}) does not. */
    static boolean isHeader(String line) {
        return isHeader(Line.of(line));
    }

    static boolean isHeader(Line line) {
        int i = 0;
        int n = line.length();
        while (i < n && hexDigit(line.charAt(i)) >= 0) {
            i++;
        }
        return i > 0 && i < n && line.charAt(i) == '-';
    }

    private static boolean isDevice(Line s, int from, int to) {
        int colon = s.indexOf(':', from);
        if (colon <= from || colon >= to - 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (i != colon && hexDigit(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static long decimal(Line line, int from, int to, String where, long lineNo) {
        if (to - from < 1 || to - from > 19) {
            throw bad(where, lineNo, "inode '" + line.text(from, to) + "' is not a number", line);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(where, lineNo, "inode '" + line.text(from, to) + "' is not a number", line);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A hexadecimal number of 1 to 16 digits at {@code [from, to)}. */
    static long hex(CharSequence line, int from, int to, String where, long lineNo, String what) {
        if (to - from < 1 || to - from > 16) {
            throw bad(where, lineNo, what + " is not a 64-bit hex number", line);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = hexDigit(line.charAt(i));
            if (d < 0) {
                throw bad(where, lineNo, what + " '" + line.subSequence(from, to) + "' is not hex", line);
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** The value of an ASCII hex digit, or -1 (ISO-8859-1 has no other digits). */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static BadInputException bad(String where, long lineNo, String what, CharSequence line) {
        return new BadInputException(where + ":" + lineNo, "not a maps line: " + what + ": '" + shorten(line) + "'");
    }

    /** A line quoted in a message: its first 77 chars and "..." when longer than 80. */
    static String shorten(CharSequence line) {
        return line.length() > 80 ? line.subSequence(0, 77) + "..." : line.toString();
    }
}
