package org.elfmap.cli;

import org.elfmap.deps.Closure;
import org.elfmap.deps.ClosureResolver;
import org.elfmap.deps.ProgramPrediction;
import org.elfmap.deps.Sysroot;
import org.elfmap.output.Renderers;
import org.elfmap.output.image.PredictView;
import org.elfmap.space.HostPage;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap predict EXE}: the dependency closure and the whole program's mapped image before it runs. */
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
            "  elfmap predict --env LD_LIBRARY_PATH=/opt/lib ./app",
            "  elfmap predict --root /srv/sysroot /usr/bin/xterm  resolve inside a sysroot",
            "  elfmap predict --loader freebsd-2007 --json ./app  libraries as 2007's FreeBSD rtld maps them"});
        CommonOptions.addTo(spec, NAME);
        ProgramOptions.addTo(spec);
        spec.addOption(Specs.flag("Print only the dependency tree", "--tree"));
        spec.addPositional(Specs.positional("0", "1", "EXE", "The program (a path inside --root, if given)"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        ProgramOptions program = ProgramOptions.of(args);
        var renderer = Renderers.predict(common.format());
        Closure closure = new ClosureResolver(Sysroot.of(common.root()), program.environment())
                .resolve(args.positional(0).orElseThrow());
        ProgramPrediction prediction = ProgramPrediction.of(closure, common.pageSize(HostPage.size()),
                program.libraryLoader());
        io.render(renderer, new PredictView(prediction, args.flag("--tree")), common.format());
        return closure.complete() ? Main.EXIT_OK : Main.EXIT_PROBLEMS;
    }
}
