package org.elfmap;

/**
 * Text that quotes the input (a capture's line, a file or zip entry name) in a message, a problem
 * or a table: control characters in it are shown as {@code \\xNN} so that it stays one printable
 * line. Found by fuzzing: a carriage return in a quoted maps line (MapsFuzzTest) and a newline in
 * a zip entry name (ArchiveFuzzTest) broke the one-line error contract.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * At most {@code max} characters of {@code s}: a longer quote keeps its start and its end with
     * what was cut counted between ("[... 1234 characters cut ...]"), so a 200 MB line quoted in a
     * message stays a line (issue 16 item 9).
     */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int head = max * 2 / 3;
        int tail = max - head;
        return s.substring(0, head) + "[... " + (s.length() - head - tail) + " characters cut ...]"
                + s.substring(s.length() - tail);
    }

    /**
     * {@code s} with control characters (tab aside), and the bytes of a name that is not UTF-8
     * (carried as U+DC80..U+DCFF, {@code space.RawNames}), written {@code \xNN}.
     */
    public static String line(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // a byte of a file name that is not UTF-8, carried as U+DC80..U+DCFF (space.RawNames)
            boolean rawByte = org.elfmap.space.RawNames.isEscape(s, i);
            boolean control = c < 0x20 && c != '\t' || c == 0x7f || rawByte;
            if (control && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format("\\x%02x", rawByte ? c - 0xdc00 : (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
