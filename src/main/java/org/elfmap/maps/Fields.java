package org.elfmap.maps;

import java.util.ArrayList;
import java.util.List;

/** Whitespace-separated fields of a line: the first {@code n}, and the rest of the line as one. */
final class Fields {
    private Fields() {
    }

    /**
     * Splits off up to {@code n} fields; element {@code n} (if present) is the remainder with its
     * leading blanks removed, kept whole because paths may contain spaces.
     */
    static List<String> split(String line, int n) {
        List<String> out = new ArrayList<>(n + 1);
        int i = 0;
        int len = line.length();
        while (out.size() < n) {
            while (i < len && isBlank(line.charAt(i))) {
                i++;
            }
            if (i == len) {
                return out;
            }
            int s = i;
            while (i < len && !isBlank(line.charAt(i))) {
                i++;
            }
            out.add(line.substring(s, i));
        }
        while (i < len && isBlank(line.charAt(i))) {
            i++;
        }
        if (i < len) {
            out.add(line.substring(i));
        }
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code 0x28284000} (or without the prefix), as FreeBSD prints addresses. */
    static long address(String s, String where, long line, String what, String whole) {
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        return LinuxMapsLine.hex(h, 0, h.length(), where, line, what);
    }

    static long count(String s, String where, long line, String what, String whole, String format) {
        if (s.isEmpty() || s.length() > 18) {
            throw bad(where, line, format, what + " '" + s + "' is not a count", whole);
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(where, line, format, what + " '" + s + "' is not a count", whole);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static org.elfmap.BadInputException bad(String where, long line, String format, String what, String whole) {
        return new org.elfmap.BadInputException(where + ":" + line,
                "not a " + format + " line: " + what + ": '" + LinuxSmapsParser.shorten(whole) + "'");
    }
}
