package org.elfmap.cli;

import java.nio.file.Path;
import java.util.List;
import org.elfmap.BadInputException;
import org.elfmap.deps.Closure;
import org.elfmap.deps.ClosureResolver;
import org.elfmap.deps.ProgramPrediction;
import org.elfmap.deps.ReadOnce;
import org.elfmap.deps.Sysroot;
import org.elfmap.output.Renderers;
import org.elfmap.output.image.PredictRun;
import org.elfmap.output.image.PredictView;
import org.elfmap.space.HostPage;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code elfmap predict EXE...}: the dependency closure and the whole program's mapped image before
 * it runs; several programs (or {@code @LIST}) in one run share what they read ({@link ReadOnce}).
 */
final class PredictCommand implements Subcommand {
    static final String NAME = "predict";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "A whole program's mapped image before it runs (dependency closure)", new String[] {
            "Resolve EXE's dependency closure as its dynamic linker would, and predict the whole",
            "program's mapped image: VSZ by object and by kind (text, rodata, relro, data, bss, gap).",
            "",
            "PT_INTERP decides the search rules. glibc: DT_RPATH (of the needing object and up its",
            "loading chain, unless it has DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH (own direct deps",
            "only), /etc/ld.so.cache, the default directories; $ORIGIN, $LIB, $PLATFORM expanded.",
            "musl: LD_LIBRARY_PATH, RUNPATH/RPATH (inherited), /etc/ld-musl-ARCH.path or",
            "/lib:/usr/local/lib:/usr/lib. The program and its interpreter are laid out as the",
            "kernel maps them, each library as its loader does (or as --loader says).",
            "Stack, heap, vdso and anonymous memory are not predicted and not counted.",
            ""}, new String[] {"",
            "Exit codes: 0 everything resolved; 1 some DT_NEEDED name (or PT_INTERP) was not found;",
            "2 bad usage or unreadable input.",
            "",
            "Examples:",
            "  elfmap predict /usr/bin/python3",
            "  elfmap predict --tree /usr/bin/ssh                 only the dependency tree",
            "  elfmap predict --json @programs.txt                many programs, one JSON array",
            "  elfmap predict --env LD_LIBRARY_PATH=/opt/lib ./app",
            "  elfmap predict --root /srv/sysroot /usr/bin/xterm  resolve inside a sysroot",
            "  elfmap predict --loader freebsd-2007 --json ./app  libraries as 2007's FreeBSD rtld maps them"});
        CommonOptions.addTo(spec, NAME);
        ProgramOptions.addTo(spec);
        spec.addOption(Specs.flag("Print only the dependency tree", "--tree"));
        spec.addPositional(Specs.positional("0..*", "1..*", "EXE", "The program (a path inside --root, if given);"
                + " several, or @LIST (paths from LIST, one per line), are predicted in one run"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        ProgramOptions program = ProgramOptions.of(args);
        List<String> given = args.positionals(0);
        boolean tree = args.flag("--tree");
        if (given.size() == 1 && !given.get(0).startsWith("@")) {
            var renderer = Renderers.predict(common.format());
            ProgramPrediction prediction = predict(given.get(0), common, program, new ReadOnce());
            io.render(renderer, new PredictView(prediction, tree), common.format());
            return prediction.closure().complete() ? Main.EXIT_OK : Main.EXIT_PROBLEMS;
        }
        // several: caches shared, each printed as it is done, a program that cannot be read reported and skipped
        var renderer = Renderers.predictRun(common.format());
        List<Path> programs = PathArguments.expand(given);
        ReadOnce reads = new ReadOnce();
        int[] exit = {Main.EXIT_OK};
        PredictRun run = each -> {
            for (Path p : programs) {
                ProgramPrediction prediction;
                try {
                    prediction = predict(p.toString(), common, program, reads);
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

    private static ProgramPrediction predict(String exe, CommonOptions common, ProgramOptions program, ReadOnce reads) {
        Closure closure = new ClosureResolver(Sysroot.of(common.root()), program.environment(), reads).resolve(exe);
        return ProgramPrediction.of(closure, common.pageSize(HostPage.size()), program.libraryLoader());
    }
}
