package org.elfmap.cli;

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
}
