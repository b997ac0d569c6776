package org.elfmap.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code elfmap} command line: option parsing (picocli, with a model built by code) and
 * dispatch, and the one place where every failure becomes an exit code and one line on stderr:
 * 2 for bad usage and unusable input (and a write error on stdout), 70 for an internal error,
 * said as such; a stack trace only with {@code --debug}. A reader that closed the pipe early
 * ({@code | head -1}) ends the run quietly.
 */
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_PROBLEMS = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** {@code EX_SOFTWARE} from sysexits.h: a bug in elfmap, not the user's input. */
    public static final int EXIT_INTERNAL = 70;

    /**
     * Every subcommand's name, in the order help lists them: also the start-up caches'
     * ({@link StartupTraining#GROUPS}) and the launcher's list (LauncherTest checks it).
     */
    static final List<String> COMMANDS = List.of(LayoutCommand.NAME, ExplainCommand.NAME,
            PredictCommand.NAME, CompareCommand.NAME, CheckPagesCommand.NAME, TopCommand.NAME);

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new StandardOutput(),
                StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        // file names keep their bytes: the JVM decoded argv with the locale's charset (RawArguments)
        int code = run(RawArguments.recover(args), out, err);
        if (Boolean.getBoolean("elfmap.halt")) {
            // The launcher's choice (none of its JVM options needs a shutdown hook): System.exit
            // looks up a System.Logger to log the exit (JDK 21+, Shutdown.logRuntimeExit), which
            // scans the class path for logger services, ~4 ms of a 60 ms run. Everything elfmap
            // writes is flushed by run().
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /** Runs one command line with the given streams; the entry point tests use. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        PicocliStartup.configure();
        // numbers in ASCII digits with a dot whatever the user's locale: what is left of
        // String.format (some of the rarer sentences) wrote 19,4 MiB or Thai digits beside the
        // ASCII of everything else
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
        boolean debug = Arrays.asList(args).contains("--debug");
        int code;
        WriteFailure failure = new WriteFailure();
        try {
            code = execute(args, out, err, debug, failure);
            if (!failure.reported) {
                // after a failed write the buffer still holds what could not be written: flushing
                // it again would fail again and say so a second time
                out.flush();
            }
        } catch (StandardOutput.Failed e) {
            code = failure.report(e, err);
        } catch (OutOfMemoryError e) {
            // the heap is released by now: what held it was the unwound command
            code = fail(err, e, debug, "out of memory: the input needs more than this JVM's heap"
                    + " (run with ELFMAP_JAVA_OPTS=-Xmx4g, say)", EXIT_BAD_INPUT);
        } catch (StackOverflowError e) {
            code = fail(err, e, debug, "internal error: stack overflow (a bug: please report it with --debug)",
                    EXIT_INTERNAL);
        }
        err.flush();
        return code;
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err, boolean debug, WriteFailure failure) {
        CommandSpec top = Specs.command(null, "elfmap", "", new String[] {
            "Where does a process's address space go, and why?",
            "",
            "elfmap predicts from ELF program headers how each loader (glibc, musl, the Linux kernel,",
            "FreeBSD then and now, Android's bionic) maps every PT_LOAD segment, page by page, and",
            "explains observed address spaces (a PID, /proc/PID/maps or smaps, FreeBSD procfs map,",
            "procstat -v) mapping by mapping: text, gap, relro, data, bss, zeroed-tail, heap, stack.",
            ""}, new String[] {"",
            "Examples:",
            "  elfmap layout /bin/ls                      how the kernel maps ls",
            "  elfmap layout --loader all libfoo.so       every loader model side by side",
            "  elfmap explain $$$$                          where this shell's VSZ and RSS go",
            "  elfmap predict /usr/bin/python3            the whole program before it runs",
            "  elfmap compare build-i386/app build-amd64/app",
            "  elfmap check-pages --page-size 16k app.apk",
            "  elfmap top                                 every process, by kind and by library",
            "",
            "Every command takes --format (text, json, and per command html, folded, sarif, junit,",
            "github) and --help.",
            "",
            "Exit codes: 0 success; 1 a check found problems; 2 bad usage or unreadable input;",
            "70 an internal error (a bug)."});
        top.usageMessage().commandListHeading("%nCommands:%n");
        CommandLine cl = new CommandLine(top);
        addSubcommands(cl, args);
        cl.setExpandAtFiles(false); // @LIST is read by the commands that take paths (PathArguments)
        cl.setUsageHelpWidth(100);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            try {
                return dispatch(parsed, out, err);
            } catch (StandardOutput.Failed e) {
                return failure.report(e, err);
            } catch (RuntimeException e) {
                flushQuietly(out);
                if (e instanceof BadInputException) {
                    return fail(err, e, debug, e.getMessage(), EXIT_BAD_INPUT);
                }
                return fail(err, e, debug, "internal error: " + e + " (a bug: please report it"
                        + (debug ? ")" : "; --debug shows where)"), EXIT_INTERNAL);
            }
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            // one line, like every other error: what is wrong, then where to read more
            CommandLine sub = ex.getCommandLine();
            if (sub.getParent() == null && ex instanceof CommandLine.UnmatchedArgumentException u
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                err.println("elfmap: " + unknownCommand(u.getUnmatched().get(0)));
                return EXIT_BAD_INPUT;
            }
            err.println("elfmap: " + Printable.line(ex.getMessage()) + " (see 'elfmap "
                    + (sub.getParent() == null ? "" : sub.getCommandName() + " ") + "--help')");
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }

    /** Runs the parsed subcommand, or answers --help/--version, or shows the top-level help. */
    private static int dispatch(CommandLine.ParseResult parsed, PrintWriter out, PrintWriter err) {
        if (PicocliStartup.printVersion(parsed, out)) {
            return EXIT_OK;
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        if (!parsed.hasSubcommand()) {
            parsed.commandSpec().commandLine().usage(out);
            return EXIT_OK;
        }
        CommandLine.ParseResult sub = parsed.subcommand();
        Object command = sub.commandSpec().userObject();
        if (command instanceof Subcommand s) {
            return s.run(new Args(sub), new Subcommand.Io(out, err));
        }
        return help(parsed.commandSpec().commandLine(), new Args(sub), out);
    }

    /**
     * {@code elfmap help [COMMAND]}: ours rather than picocli's {@code HelpCommand}, which let
     * unknown options through, failed on an unknown command with an exception (exit 70), and
     * wrapped a write error so that it read as a bug.
     */
    private static int help(CommandLine top, Args args, PrintWriter out) {
        Optional<String> name = args.positional(0);
        if (name.isEmpty()) {
            top.usage(out);
            return EXIT_OK;
        }
        CommandLine sub = top.getSubcommands().get(name.get());
        if (sub == null) {
            throw new BadInputException("", unknownCommand(name.get()));
        }
        sub.usage(out);
        return EXIT_OK;
    }

    /** One line for a command name elfmap does not have, with the names it has. */
    private static String unknownCommand(String name) {
        return "unknown command '" + Printable.line(name) + "' (commands: " + String.join(", ", COMMANDS)
                + "; see 'elfmap --help')";
    }

    /** The owner of the {@code help} subcommand's model: not a {@link Subcommand}, so dispatch answers it. */
    private static final Object HELP = new Object();

    private static CommandSpec helpSpec() {
        CommandSpec spec = Specs.command(HELP, "help", "Show the help of elfmap or of one command",
                new String[] {"Show the help of elfmap, or with COMMAND, of that command.", ""}, new String[0]);
        spec.addPositional(Specs.positional("0", "0..1", "COMMAND", "The command whose help to show"));
        return spec;
    }

    /**
     * Building a subcommand's model costs start-up time: when the first argument names a
     * subcommand, only that one is built; otherwise (top-level help, {@code help CMD}, a typo) all
     * are, so help and error messages list every command.
     */
    private static void addSubcommands(CommandLine cl, String[] args) {
        String first = args.length > 0 ? args[0] : "";
        if (first.equals("--version") || first.equals("-V")) {
            return;
        }
        if (COMMANDS.contains(first)) {
            add(cl, first);
            return;
        }
        COMMANDS.forEach(name -> add(cl, name));
        cl.addSubcommand("help", helpSpec());
    }

    private static void add(CommandLine cl, String name) {
        Subcommand s = switch (name) {
            case LayoutCommand.NAME -> new LayoutCommand();
            case ExplainCommand.NAME -> new ExplainCommand();
            case PredictCommand.NAME -> new PredictCommand();
            case CompareCommand.NAME -> new CompareCommand();
            case CheckPagesCommand.NAME -> new CheckPagesCommand();
            case TopCommand.NAME -> new TopCommand();
            default -> throw new IllegalArgumentException(name);
        };
        cl.addSubcommand(name, s.spec());
    }

    /**
     * A failed write to standard output, reported once: the command that met it and the final
     * flush would otherwise both say so.
     */
    private static final class WriteFailure {
        boolean reported;

        int report(StandardOutput.Failed e, PrintWriter err) {
            if (!reported && !e.closedPipe()) {
                err.println("elfmap: cannot write the output: " + Printable.line(String.valueOf(e.getMessage())));
            }
            reported = true;
            return e.closedPipe() ? EXIT_OK : EXIT_BAD_INPUT; // a closed pipe: the reader has what it wanted
        }
    }

    private static int fail(PrintWriter err, Throwable e, boolean debug, String line, int code) {
        if (debug) {
            e.printStackTrace(err);
        }
        err.println("elfmap: " + Printable.line(line));
        return code;
    }

    private static void flushQuietly(PrintWriter out) {
        try {
            out.flush();
        } catch (StandardOutput.Failed e) {
            // reported by the caller if it matters: the command has failed anyway
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
        err.println("elfmap: " + Printable.line(e.getMessage()));
    }

    /** Version from the jar manifest when packaged, else the development marker, and the JVM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"elfmap " + org.elfmap.output.ToolVersion.current(),
                "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
                        + System.getProperty("java.home") + ")"};
        }
    }
}
