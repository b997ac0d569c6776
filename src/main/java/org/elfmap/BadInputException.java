package org.elfmap;

/**
 * Input that elfmap cannot use: a malformed ELF file, a garbage maps line, a process that
 * vanished. The message is one line that says what is wrong and where (file, offset or line),
 * ready to print after {@code elfmap: }; the command line turns it into exit code 2.
 */
public class BadInputException extends RuntimeException {
    private final String where;

    public BadInputException(String where, String what) {
        super(oneLine(where.isEmpty() ? what : where + ": " + what));
        this.where = where;
    }

    public BadInputException(String where, String what, Throwable cause) {
        super(oneLine(where.isEmpty() ? what : where + ": " + what), cause);
        this.where = where;
    }

    /**
     * Messages quote the input (a capture's line, a file name): control characters in it are
     * shown as {@code \xNN} so that the message stays one printable line (a carriage return in a
     * quoted line, found by MapsFuzzTest, would otherwise rewrite the terminal line).
     */
    static String oneLine(String s) {
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

    /** The file, PID or capture the problem is in (may be empty). */
    public String where() {
        return where;
    }
}
