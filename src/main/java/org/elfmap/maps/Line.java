package org.elfmap.maps;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.elfmap.space.RawPath;

/**
 * The current line of a {@link LineReader}: a window on its buffer, one char per byte
 * (ISO-8859-1), valid until the reader moves on. Parsers read fields and numbers from it in place,
 * so reading a capture allocates nothing per line (a smaps of 1,000 processes is 700,000 lines);
 * a {@link String} is made only for what is kept (an entry's identity) or quoted in a message.
 * Typed as this final class where it is hot, so calls on it bind statically and inline.
 */
public final class Line implements CharSequence {
    private byte[] bytes;
    private int from;
    private int length;

    Line() {
        this(new byte[0], 0, 0);
    }

    private Line(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.from = from;
        this.length = length;
    }

    /** A line of text (tests, detection, other formats): its chars as ISO-8859-1 bytes. */
    public static Line of(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return new Line(b, 0, b.length);
    }

    void set(byte[] b, int from, int to) {
        this.bytes = b;
        this.from = from;
        this.length = to - from;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int i) {
        return (char) (bytes[from + Objects.checkIndex(i, length)] & 0xff);
    }

    /** The index of the first {@code c} at or after {@code at}, or -1. */
    public int indexOf(char c, int at) {
        return indexOfEither(c, c, at);
    }

    /**
     * The index of the first {@code a} or {@code b} at or after {@code at}, or -1: one scan where
     * two would look for each (smaps: a field's colon, or a mapping line's range dash, whichever
     * comes first).
     */
    public int indexOfEither(char a, char b, int at) {
        byte x = (byte) a;
        byte y = (byte) b;
        int end = from + length;
        for (int i = from + Math.max(at, 0); i < end; i++) {
            byte c = bytes[i];
            if (c == x || c == y) {
                return i - from;
            }
        }
        return -1;
    }

    /** Whether the chars at {@code at} are {@code s} (ASCII). */
    public boolean matches(int at, String s) {
        if (at < 0 || at + s.length() > length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (bytes[from + at + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code [at, to)} is exactly {@code s}. */
    public boolean equals(int at, int to, String s) {
        return to - at == s.length() && matches(at, s);
    }

    /**
     * White space, as {@link String#strip} and {@link String#isBlank} take it
     * ({@link Character#isWhitespace}; of the ISO-8859-1 chars a line holds: tab, line feed, vertical
     * tab, form feed, carriage return, U+001C..U+001F and space): what is trimmed around a path or a
     * value, and what a blank line holds.
     */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c);
    }

    /** What separates fields in every format read here: space and tab (procfs, FreeBSD's map and procstat print them). */
    static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }

    /** The first index in {@code [at, to)} that is not {@link #isSpace white space}, or {@code to}. */
    int skipSpace(int at, int to) {
        while (at < to && isSpace(charAt(at))) {
            at++;
        }
        return at;
    }

    /** Where {@code [at, to)} ends without its trailing {@link #isSpace white space}. */
    int trimSpace(int at, int to) {
        while (to > at && isSpace(charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Whether every char is white space ({@link String#isBlank}'s rule). */
    public boolean isBlank() {
        return skipSpace(0, length) == length;
    }

    /** The line's bytes, copied (a line looked at ahead is kept). */
    byte[] copy() {
        return java.util.Arrays.copyOfRange(bytes, from, from + length);
    }

    /** The bytes {@code [at, to)} as a file name. */
    public RawPath path(int at, int to) {
        Objects.checkFromToIndex(at, to, length);
        return RawPath.of(bytes, from + at, from + to);
    }

    /** The chars {@code [at, to)} as a string. */
    public String text(int at, int to) {
        Objects.checkFromToIndex(at, to, length);
        return new String(bytes, from + at, to - at, StandardCharsets.ISO_8859_1);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
}
