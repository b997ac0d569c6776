package org.elfmap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.deps.Closure;
import org.elfmap.deps.ClosureResolver;
import org.elfmap.deps.ProgramPrediction;
import org.elfmap.deps.ReadOnce;
import org.elfmap.deps.Sysroot;
import org.elfmap.output.Format;
import org.elfmap.output.Renderers;
import org.elfmap.output.image.PredictRun;
import org.elfmap.output.image.PredictView;
import org.elfmap.space.RawNames;
import org.elfmap.space.HostPage;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code elfmap predict FILE...}: the dependency closure and the whole mapped image before it runs
 * (a program) or is loaded (a library); several files (or {@code @LIST}) in one run share what
 * they read ({@link ReadOnce}).
 */
final class PredictCommand implements Subcommand {
    static final String NAME = "predict";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "A program's mapped image before it runs, or a library's (dependency closure)", new String[] {
            "Resolve FILE's dependency closure as its dynamic linker would, and predict the whole",
            "mapped image: VSZ by object and by kind (text, rodata, relro, data, bss, gap).",
            "A program (ET_EXEC, PIE) is predicted as its start loads it; a library as dlopen and",
            "ldd load it (ld.so --list LIB), plus the interpreter of the program that loads it.",
            "",
            "PT_INTERP decides the search rules. glibc: DT_RPATH (of the needing object and up its",
            "loading chain, unless it has DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH (own direct deps",
            "only), /etc/ld.so.cache, the default directories; $ORIGIN, $LIB, $PLATFORM expanded.",
            "musl: LD_LIBRARY_PATH, RUNPATH/RPATH (inherited), /etc/ld-musl-ARCH.path or",
            "/lib:/usr/local/lib:/usr/lib. glibc looks in each directory's glibc-hwcaps/ subdirectories",
            "(and, before 2.37, tls/, $PLATFORM/ and hwcap ones) first, as far as the CPU supports them.",
            "The program and its interpreter are laid out as the kernel maps them, each library as",
            "its loader does (or as --loader says).",
            "Stack, heap, vdso and anonymous memory are not predicted and not counted.",
            ""}, new String[] {"",
            "Exit codes: 0 everything resolved; 1 some DT_NEEDED name (or PT_INTERP) was not found or",
            "was refused; 2 bad usage or unreadable input.",
            "",
            "Examples:",
            "  elfmap predict /usr/bin/python3",
            "  elfmap predict --tree /usr/bin/ssh                 only the dependency tree",
            "  elfmap predict --json @programs.txt                many files, one JSON array",
            "  elfmap predict --env LD_LIBRARY_PATH=/opt/lib ./app",
            "  elfmap predict --root /srv/sysroot /usr/bin/xterm  resolve inside a sysroot",
            "  elfmap predict /usr/lib/x86_64-linux-gnu/libz.so.1  a library, as dlopen loads it",
            "  elfmap predict --root /srv/arm64 --platform aarch64 --hwcaps none /usr/bin/ls",
            "  elfmap predict --format folded ./app | flamegraph.pl > app.svg   VSZ as a flame graph",
            "  elfmap predict --loader freebsd-2007 --json ./app  libraries as 2007's FreeBSD rtld maps them"});
        CommonOptions.addTo(spec, NAME);
        ProgramOptions.addTo(spec);
        spec.addOption(Specs.flag("Print only the dependency tree (text; the other formats carry the whole"
                + " prediction)", "--tree"));
        spec.addOption(Specs.value("MODE", "program or library (default: library for an ET_DYN that is no PIE and no"
                + " interpreter)", "--mode"));
        spec.addPositional(Specs.positional("0..*", "1..*", "FILE", "The program or library (a path inside --root, if"
                + " given); several, or @LIST (paths from LIST, one per line), are predicted in one run"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        ProgramOptions program = ProgramOptions.of(args);
        Optional<Closure.Mode> mode = args.value("--mode").map(PredictCommand::mode);
        List<String> given = args.positionals(0);
        boolean tree = args.flag("--tree");
        if (tree && common.format() != Format.TEXT) {
            throw new BadInputException("--tree", "prints text only: --format " + common.format().label()
                    + " carries the whole prediction, tree included");
        }
        if (given.size() == 1 && !given.get(0).startsWith("@")) {
            var renderer = Renderers.predict(common.format());
            ProgramPrediction prediction = predict(given.get(0), mode, common, program, new ReadOnce());
            io.render(renderer, new PredictView(prediction, tree), common.format());
            return prediction.closure().complete() ? Main.EXIT_OK : Main.EXIT_PROBLEMS;
        }
        // several: caches shared, each printed as it is done, a file that cannot be read reported and skipped
        var renderer = Renderers.predictRun(common.format());
        Iterable<Path> files = PathArguments.expand(given,
                lists -> io.err().println(PathArguments.nothingListed(lists, "nothing to predict")));
        ReadOnce reads = new ReadOnce();
        int[] exit = {Main.EXIT_OK};
        PredictRun run = each -> {
            for (Path file : files) {
                ProgramPrediction prediction;
                try {
                    prediction = predict(RawNames.carried(file), mode, common, program, reads);
                } catch (BadInputException e) {
                    io.out().flush();
                    Main.report(io.err(), e, common.debug());
                    exit[0] = Main.EXIT_BAD_INPUT;
                    continue;
                }
                if (!prediction.closure().complete()) {
                    exit[0] = Math.max(exit[0], Main.EXIT_PROBLEMS);
                }
                each.accept(new PredictView(prediction, tree));
            }
        };
        io.render(renderer, run, common.format());
        return exit[0];
    }

    private static ProgramPrediction predict(String file, Optional<Closure.Mode> mode, CommonOptions common,
                                             ProgramOptions program, ReadOnce reads) {
        ClosureResolver resolver = new ClosureResolver(Sysroot.of(common.root()), program.environment(), program.target(),
                reads);
        Closure closure = mode.isPresent() ? resolver.resolve(file, mode.get()) : resolver.resolve(file);
        return ProgramPrediction.of(closure, common.pageSize(HostPage.size()), program.libraryLoader());
    }

    private static Closure.Mode mode(String text) {
        return switch (text.trim()) {
            case "program" -> Closure.Mode.PROGRAM;
            case "library" -> Closure.Mode.LIBRARY;
            default -> throw new BadInputException("--mode", "'" + text + "' is not program or library");
        };
    }
}
