package org.elfmap.maps;

import org.elfmap.BadInputException;

/**
 * Whitespace-separated fields of a line, found in place: the first {@code n}, and the rest of
 * the line as one (paths may contain spaces). One instance per parse is reused for every line;
 * fields are positions in the {@link Line}, read with the methods here, and become strings only
 * in messages or when kept.
 */
final class Fields {
    private final int[] from;
    private final int[] to;
    private int size;

    /** Splits into at most {@code n} fields plus the rest (fewer when asked). */
    Fields(int n) {
        from = new int[n + 1];
        to = new int[n + 1];
    }

    /**
     * Splits {@code line}: up to {@code n} fields; field {@code n} (if present) is the remainder
     * with its leading blanks removed, kept whole.
     */
    Fields split(Line line) {
        return split(line, from.length - 1);
    }

    /** {@link #split(Line)} into at most {@code n} fields (at most this instance's) plus the rest. */
    Fields split(Line line, int n) {
        int i = 0;
        int len = line.length();
        size = 0;
        while (size < n) {
            while (i < len && Line.isSeparator(line.charAt(i))) {
                i++;
            }
            if (i == len) {
                return this;
            }
            from[size] = i;
            while (i < len && !Line.isSeparator(line.charAt(i))) {
                i++;
            }
            to[size++] = i;
        }
        while (i < len && Line.isSeparator(line.charAt(i))) {
            i++;
        }
        if (i < len) {
            from[size] = i;
            to[size++] = len;
        }
        return this;
    }

    /** Fields found, the rest counting as one. */
    int size() {
        return size;
    }

    int from(int i) {
        return from[i];
    }

    int to(int i) {
        return to[i];
    }

    String text(Line line, int i) {
        return line.text(from[i], to[i]);
    }

    /** Whether field {@code i} is {@code s}. */
    boolean is(Line line, int i, String s) {
        return line.equals(from[i], to[i], s);
    }

    /** The index in {@code options} of field {@code i}'s text, or -1. */
    int oneOf(Line line, int i, String... options) {
        for (int k = 0; k < options.length; k++) {
            if (is(line, i, options[k])) {
                return k;
            }
        }
        return -1;
    }

    /** Field {@code i}, {@code 0x28284000} (or without the prefix), as FreeBSD prints addresses. */
    long address(Line line, int i, String where, long no, String what) {
        int s = from[i];
        int e = to[i];
        if (line.matches(s, "0x") || line.matches(s, "0X")) {
            s += 2;
        }
        return LinuxMapsLine.hex(line, s, e, where, no, what);
    }

    /** Field {@code i} as a count of up to 18 decimal digits. */
    long count(Line line, int i, String where, long no, String what, String format) {
        int s = from[i];
        int e = to[i];
        if (e - s < 1 || e - s > 18) {
            throw bad(where, no, format, what + " '" + text(line, i) + "' is not a count", line);
        }
        long v = 0;
        for (int k = s; k < e; k++) {
            char c = line.charAt(k);
            if (c < '0' || c > '9') {
                throw bad(where, no, format, what + " '" + text(line, i) + "' is not a count", line);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * {@code pages} resident pages of {@code pageBytes} in bytes: at most 2^57 bytes (no address
     * space is larger, {@link Order#MAX_SPACE}), so that no sum of them overflows.
     */
    static long pages(long pages, long pageBytes, String where, long no, String format, Line whole) {
        long bytes = pages <= Order.MAX_SPACE / pageBytes ? pages * pageBytes : -1;
        if (bytes < 0) {
            throw bad(where, no, format, "resident count " + pages + " is more pages than any address space"
                    + " (2^57 bytes)", whole);
        }
        return bytes;
    }

    static BadInputException bad(String where, long line, String format, String what, CharSequence whole) {
        return new BadInputException(where + ":" + line,
                "not a " + format + " line: " + what + ": '" + LinuxMapsLine.shorten(whole) + "'");
    }
}
