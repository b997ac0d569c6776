package org.elfmap.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The workload the launcher runs once, output discarded, to record which classes elfmap loads
 * into a class-data-sharing archive (Java 17: {@code -XX:ArchiveClassesAtExit}) or an AOT cache
 * (JDK 25: {@code -XX:AOTCacheOutput}); later runs map those classes instead of loading them.
 * Every command is run once in text and JSON, on this JVM's own executable (an ELF file every
 * Linux machine has) and this process; commands not built yet fail harmlessly. Not part of the
 * user interface: the README's "Performance" section says what this buys.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) {
        String exe = args.length > 0 ? args[0] : "/proc/self/exe";
        String pid = Long.toString(ProcessHandle.current().pid());
        String[][] runs = {
            {"--help"},
            {"--version"},
            {"layout", "--help"},
            {"layout", exe},
            {"layout", "--json", exe},
            {"layout", "--loader", "all", "--json", exe},
            {"layout", "/nonexistent/elfmap-training"},
            {"explain", pid},
            {"explain", "--json", pid},
            {"predict", exe},
            {"predict", "--json", exe},
            {"compare", pid, exe},
            {"check-pages", exe},
            {"check-pages", "--json", exe},
            {"top"},
            {"top", "--json"},
        };
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
        for (String[] run : runs) {
            try {
                Main.run(run, none, none);
            } catch (RuntimeException | StackOverflowError e) {
                // a command under construction may fail in any way: the classes it loaded still count
            }
        }
    }
}
