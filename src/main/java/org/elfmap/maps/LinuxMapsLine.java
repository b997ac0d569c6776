package org.elfmap.maps;

import java.util.Optional;
import org.elfmap.BadInputException;

/**
 * One line of Linux {@code /proc/PID/maps} ({@code fs/proc/task_mmu.c}, {@code show_map_vma}):
 * {@code start-end perms offset major:minor inode [path]}, the path starting at a fixed column
 * and possibly containing spaces or ending in {@code " (deleted)"}.
 */
public final class LinuxMapsLine {
    private LinuxMapsLine() {
    }

    /** Parses one line; {@code where} and {@code lineNo} name it in the error if it is not a maps line. */
    public static MapsEntry parse(String line, String where, long lineNo) {
        int dash = line.indexOf('-');
        int sp1 = line.indexOf(' ');
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
        String perms = line.substring(sp1 + 1, sp2);
        if (perms.length() != 4 || !perms.matches("[r-][w-][x-][ps]")) {
            throw bad(where, lineNo, "permissions '" + perms + "' are not like 'r-xp'", line);
        }
        long offset = hex(line, sp2 + 1, sp3, where, lineNo, "offset");
        int devEnd = sp4 < 0 ? line.length() : sp4;
        String dev = line.substring(sp3 + 1, devEnd);
        if (!dev.matches("[0-9a-fA-F]+:[0-9a-fA-F]+")) {
            throw bad(where, lineNo, "device '" + dev + "' is not like 'fe:00'", line);
        }
        String inode = "0";
        String path = "";
        if (sp4 >= 0) {
            int inoEnd = line.indexOf(' ', sp4 + 1);
            inode = line.substring(sp4 + 1, inoEnd < 0 ? line.length() : inoEnd);
            if (!inode.matches("[0-9]+")) {
                throw bad(where, lineNo, "inode '" + inode + "' is not a number", line);
            }
            if (inoEnd >= 0) {
                path = line.substring(inoEnd + 1).stripLeading();
            }
        }
        return new MapsEntry(start, end, perms, offset, dev + ":" + inode, path, Optional.empty(), lineNo);
    }

    /** Whether a line looks like a maps line (for format detection), without throwing. */
    public static boolean looksLike(String line) {
        return line.matches("[0-9a-fA-F]+-[0-9a-fA-F]+ [r-][w-][x-][ps] [0-9a-fA-F]+ [0-9a-fA-F]+:[0-9a-fA-F]+ [0-9]+.*");
    }

    private static long hex(String line, int from, int to, String where, long lineNo, String what) {
        if (to - from < 1 || to - from > 16) {
            throw bad(where, lineNo, what + " is not a 64-bit hex number", line);
        }
        try {
            return Long.parseUnsignedLong(line, from, to, 16);
        } catch (NumberFormatException e) {
            throw bad(where, lineNo, what + " '" + line.substring(from, to) + "' is not hex", line);
        }
    }

    private static BadInputException bad(String where, long lineNo, String what, String line) {
        String shown = line.length() > 80 ? line.substring(0, 77) + "..." : line;
        return new BadInputException(where + ":" + lineNo, "not a maps line: " + what + ": '" + shown + "'");
    }
}
