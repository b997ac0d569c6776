package org.elfmap.cli;

import java.io.PrintWriter;
import org.elfmap.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code elfmap} command line: only option parsing and dispatch. Every failure the user can
 * cause becomes one line on stderr and exit code 2; a stack trace appears only with {@code --debug}.
 */
@Command(name = "elfmap", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Where does a process's address space go, and why?",
            "",
            "elfmap predicts from ELF program headers how each loader (glibc, musl, the Linux kernel,",
            "FreeBSD then and now, Android's bionic) maps every PT_LOAD segment, page by page, and",
            "explains observed address spaces (a PID, /proc/PID/maps or smaps, FreeBSD procfs map,",
            "procstat -v) mapping by mapping: text, gap, relro, data, bss, zeroed-tail, heap, stack.",
            ""},
        footer = {"",
            "Examples:",
            "  elfmap layout /bin/ls                      how the kernel maps ls",
            "  elfmap layout --loader all libfoo.so       every loader model side by side",
            "  elfmap explain $$$$                          where this shell's VSZ and RSS go",
            "  elfmap predict /usr/bin/python3            the whole program before it runs",
            "  elfmap compare build-i386/app build-amd64/app",
            "  elfmap check-pages --page-size 16k app.apk",
            "  elfmap top                                 every process, by kind and by library",
            "",
            "Exit codes: 0 success; 1 a check found problems; 2 bad usage or unreadable input."},
        commandListHeading = "%nCommands:%n")
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_PROBLEMS = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // file names keep their bytes: the JVM decoded argv with the locale's charset (RawArguments)
        System.exit(run(RawArguments.recover(args), new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; the entry point tests use. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        addSubcommands(cl, args);
        // @LIST arguments are expanded by the commands that take paths (PathArguments), not by picocli
        cl.setExpandAtFiles(false);
        // the descriptions are written for 100 columns; picocli's 80 would fold every line
        cl.setUsageHelpWidth(100);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
        cl.setParameterExceptionHandler((ex, a) -> {
            // one line, like every other error: what is wrong, then where to read more
            CommandLine sub = ex.getCommandLine();
            err.println("elfmap: " + oneLine(ex.getMessage()) + " (see 'elfmap "
                    + (sub.getParent() == null ? "" : sub.getCommandName() + " ") + "--help')");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            out.flush();
            Throwable root = ex;
            if (debug) {
                ex.printStackTrace(err);
            }
            if (root instanceof BadInputException) {
                err.println("elfmap: " + oneLine(root.getMessage()));
            } else if (root instanceof OutOfMemoryError) {
                err.println("elfmap: out of memory");
            } else {
                err.println("elfmap: internal error: " + root + (debug ? "" : " (run with --debug for details)"));
            }
            return EXIT_BAD_INPUT;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Every subcommand's name, in the order help lists them. */
    private static final String[] COMMANDS = {"layout", "explain", "predict", "compare", "check-pages", "top", "help"};

    /**
     * Picocli builds each subcommand's model by reflection when it is added, which costs start-up
     * time: when the first argument names a subcommand, only that one is built; otherwise (top-level
     * help, {@code help CMD}, a typo) all are, so help and error messages list every command.
     */
    private static void addSubcommands(CommandLine cl, String[] args) {
        String first = args.length > 0 ? args[0] : "";
        if ("--version".equals(first) || "-V".equals(first)) {
            return;
        }
        Object only = "help".equals(first) ? null : newSubcommand(first);
        if (only != null) {
            cl.addSubcommand(first, only);
            return;
        }
        for (String name : COMMANDS) {
            cl.addSubcommand(name, newSubcommand(name));
        }
    }

    private static Object newSubcommand(String name) {
        switch (name) {
            case "layout": return new LayoutCommand();
            case "explain": return new ExplainCommand();
            case "predict": return new PredictCommand();
            case "compare": return new CompareCommand();
            case "check-pages": return new CheckPagesCommand();
            case "top": return new TopCommand();
            case "help": return new CommandLine.HelpCommand();
            default: return null;
        }
    }

    /**
     * Reports one bad input (a file among several, an archive entry) and lets the command go on:
     * the one-line reason, preceded by the stack trace only with {@code --debug}.
     */
    static void report(PrintWriter err, BadInputException e, boolean debug) {
        if (debug) {
            e.printStackTrace(err);
        }
        err.println("elfmap: " + oneLine(e.getMessage()));
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** Version from the jar manifest when packaged, else the development marker. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"elfmap " + (v == null ? "0.1.0-dev" : v),
                "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
