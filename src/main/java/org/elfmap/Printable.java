package org.elfmap;

/**
 * Untrusted text (file and process names, {@code [anon:...]} names, a capture's line, a zip
 * entry name) made safe to show on a terminal: every character that a terminal would act on
 * rather than show is written as an escape, so a name can neither recolour the terminal, set its
 * title (OSC), reorder the line (bidi), nor split one line into two and forge a row.
 * <ul>
 * <li>C0 controls and DEL: {@code \xNN} (tab kept only by {@link #text}, which escapes newlines);</li>
 * <li>C1 controls U+0080–U+009F (the 8-bit CSI U+009B among them, which a UTF-8 terminal may act
 * on): {@code \u0085};</li>
 * <li>bidirectional overrides and isolates U+202A–U+202E, U+2066–U+2069, and the marks U+200E,
 * U+200F, U+061C: {@code \u202e};</li>
 * <li>lone surrogates: a byte of a file name that was not UTF-8, carried as U+DC80..U+DCFF
 * ({@code space.RawNames}), as that byte ("\\xff"); any other as a "\\u" escape of its code.</li>
 * </ul>
 * Found by fuzzing and by probing: a carriage return in a quoted maps line (MapsFuzzTest), a
 * newline in a zip entry name (ArchiveFuzzTest), ESC and OSC sequences in process names.
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

    /** {@code s} as one printable line: every control character escaped, tab included. */
    public static String line(String s) {
        return escape(s, false);
    }

    /**
     * {@code s} for a table cell or a heading: as {@link #line} but a tab is kept (it is only
     * white space).
     */
    public static String text(String s) {
        return escape(s, true);
    }

    /** Whether {@code c} would be acted on by a terminal rather than shown. */
    public static boolean unsafe(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c
                || Character.isSurrogate(c);
    }

    private static String escape(String s, boolean keepTab) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b != null) { // a proper pair: a character outside the BMP
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean bad = unsafe(c) && !(keepTab && c == '\t');
            if (bad && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (!bad) {
                    b.append(c);
                } else if (c < 0x80) {
                    b.append(String.format("\\x%02x", (int) c));
                } else if (org.elfmap.space.RawNames.isEscape(s, i)) {
                    b.append(String.format("\\x%02x", c - 0xdc00));
                } else {
                    b.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
