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

    /** {@code s} with control characters (tab aside) written {@code \xNN}. */
    public static String line(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c == 0x7f;
            if (control && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format("\\x%02x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
