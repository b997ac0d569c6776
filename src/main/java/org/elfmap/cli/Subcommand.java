package org.elfmap.cli;

import java.io.PrintWriter;
import org.elfmap.output.Format;
import org.elfmap.output.Renderer;
import org.elfmap.output.TerminalSafeWriter;
import picocli.CommandLine.Model.CommandSpec;

/** One {@code elfmap} command: its model, built by code ({@link Specs}), and what it runs. */
interface Subcommand {
    /** The command's options, parameters and help, as picocli parses and prints them. */
    CommandSpec spec();

    /** Runs the parsed command line; returns the exit code (contract: 0, 1, 2). */
    int run(Args args, Io io);

    /** Where a command writes: its result to {@code out}, one-line reports to {@code err}. */
    record Io(PrintWriter out, PrintWriter err) {
        /**
         * Writes {@code result} with {@code renderer}; text goes through {@link TerminalSafeWriter}
         * so that no name reaches the terminal raw.
         */
        <R> void render(Renderer<R> renderer, R result, Format format) {
            PrintWriter w = format == Format.TEXT ? new PrintWriter(new TerminalSafeWriter(out), false) : out;
            renderer.render(result, w);
            w.flush();
            out.flush();
        }
    }
}
