package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one elfmap command line in-process and keeps what it printed: for tests of the CLI. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * The contract for bad input: exit 2 and one line per bad input on stderr, starting with
     * {@code elfmap: } and containing every fragment, with no stack trace.
     */
    public CliRun failsWith(String... fragments) {
        assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).as("stderr").startsWith("elfmap: ").endsWith("\n").doesNotContain("\tat ")
                .doesNotContain("Exception").doesNotContain("internal error");
        for (String f : fragments) {
            assertThat(err).as("stderr").contains(f);
        }
        return this;
    }

    public CliRun oneErrorLine() {
        assertThat(err.lines().count()).as("lines on stderr: %s", err).isEqualTo(1);
        return this;
    }
}
