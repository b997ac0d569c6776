package org.elfmap.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * picocli's start-up work that elfmap does not need, turned off: every run builds a command
 * line, and a cold JVM pays for what picocli does there (measured per step, README "Performance").
 */
final class PicocliStartup {
    private PicocliStartup() {
    }

    /**
     * Before any picocli class is used. picocli's default factory looks up Groovy's
     * {@code Closure} class, which is not on the class path: the failed lookup searches every jar
     * (~8 ms). Its interpreter registers converters for {@code java.sql}, {@code java.time} and
     * {@code Path} types by reflection, initialising {@code java.time}'s formatters (~4 ms);
     * elfmap's options are strings and flags, converted by elfmap itself. A value the user set
     * (JVM option) is kept.
     */
    static void configure() {
        setIfAbsent("picocli.disable.closures", "true");
        // picocli matches each converter's class name against these regular expressions
        setIfAbsent("picocli.converters.excludes", "java.[nst].*");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Answers {@code --version} (on elfmap or any command; picocli's order: the first command
     * asked for help or its version answers) with the version lines as they are. picocli's
     * answer passes each line through {@code String.format} (a cold JVM's first Formatter: ~5 ms)
     * and its colour detection, which asks {@code System.console()} and so loads the JDK's
     * line-editor console (~1.5 ms); the lines have no markup, and a {@code %} in a JVM's path
     * stays a {@code %}.
     */
    static boolean printVersion(CommandLine.ParseResult parsed, PrintWriter out) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested()) {
                return false; // help wins over the version on the same command, as in picocli
            }
            if (p.isVersionHelpRequested()) {
                for (String line : p.commandSpec().version()) {
                    out.println(line);
                }
                out.flush();
                return true;
            }
        }
        return false;
    }
}
