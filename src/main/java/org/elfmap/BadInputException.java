package org.elfmap;

/**
 * Input that elfmap cannot use: a malformed ELF file, a garbage maps line, a process that
 * vanished. The message is one line that says what is wrong and where (file, offset or line),
 * ready to print after {@code elfmap: }; the command line turns it into exit code 2.
 */
public class BadInputException extends RuntimeException {
    private final String where;

    public BadInputException(String where, String what) {
        super(Printable.line(where.isEmpty() ? what : where + ": " + what));
        this.where = where;
    }

    public BadInputException(String where, String what, Throwable cause) {
        super(Printable.line(where.isEmpty() ? what : where + ": " + what), cause);
        this.where = where;
    }


    /** The file, PID or capture the problem is in (may be empty). */
    public String where() {
        return where;
    }
}
