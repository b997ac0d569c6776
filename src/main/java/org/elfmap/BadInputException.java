package org.elfmap;

/**
 * Input that elfmap cannot use: a malformed ELF file, a garbage maps line, a process that
 * vanished. The message is one line that says what is wrong and where (file, offset or line),
 * ready to print after {@code elfmap: }; the command line turns it into exit code 2.
 */
public class BadInputException extends RuntimeException {
    /** A message's parts are cut to these lengths: a name or a quoted line may be any size. */
    static final int MAX_WHERE = 1024;
    static final int MAX_WHAT = 2048;
    private final String where;

    public BadInputException(String where, String what) {
        super(message(where, what));
        this.where = where;
    }

    public BadInputException(String where, String what, Throwable cause) {
        super(message(where, what), cause);
        this.where = where;
    }

    private static String message(String where, String what) {
        String w = Printable.cut(where, MAX_WHERE);
        String m = Printable.cut(what, MAX_WHAT);
        return Printable.line(w.isEmpty() ? m : w + ": " + m);
    }


    /** The file, PID or capture the problem is in (may be empty). */
    public String where() {
        return where;
    }
}
