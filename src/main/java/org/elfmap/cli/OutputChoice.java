package org.elfmap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.elfmap.BadInputException;

/**
 * The output format a command prints ({@code --format}, contract "Output formats"), until the
 * output layer chooses it once for every command: {@code text} (the default), {@code json}
 * ({@code --json} too), {@code html} and, where a command has one, {@code folded}.
 */
enum OutputChoice {
    TEXT, JSON, HTML, FOLDED;

    /**
     * @param format the {@code --format} value, or null when not given
     * @param folded whether the command has a folded form
     */
    static OutputChoice of(String format, boolean json, String command, boolean folded) {
        if (format == null) {
            return json ? JSON : TEXT;
        }
        OutputChoice c = named(format);
        if (c == null || c == FOLDED && !folded) {
            throw new BadInputException("--format", "'" + format + "' is not an output format of " + command
                    + " (one of text, json, html" + (folded ? ", folded" : "") + ")");
        }
        if (json && c != JSON) {
            throw new BadInputException("--json", "and --format " + format + " ask for two formats: give one");
        }
        return c;
    }

    /** The format {@code name} names, or null. */
    static OutputChoice named(String name) {
        for (OutputChoice c : values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** What {@code print} writes, as a string: the JSON document a page embeds. */
    static String captured(Consumer<PrintWriter> print) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        print.accept(w);
        w.flush();
        return s.toString();
    }
}
