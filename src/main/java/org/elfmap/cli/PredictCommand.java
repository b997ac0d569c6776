package org.elfmap.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.elfmap.deps.Closure;
import org.elfmap.deps.ClosureResolver;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.deps.ProgramPrediction;
import org.elfmap.deps.Sysroot;
import org.elfmap.space.HostPage;
import org.elfmap.loader.LoaderModel;
import org.elfmap.output.folded.ImageFolded;
import org.elfmap.output.folded.Metric;
import org.elfmap.output.html.HtmlPage;
import org.elfmap.output.html.HtmlView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap predict EXE}: the dependency closure and the whole program's mapped image before it runs. */
@Command(name = "predict", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
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
            ""},
        footer = {"",
            "Exit codes: 0 everything resolved; 1 some DT_NEEDED name (or PT_INTERP) was not found;",
            "2 bad usage or unreadable input.",
            "",
            "Examples:",
            "  elfmap predict /usr/bin/python3",
            "  elfmap predict --tree /usr/bin/ssh                 only the dependency tree",
            "  elfmap predict --env LD_LIBRARY_PATH=/opt/lib ./app",
            "  elfmap predict --root /srv/sysroot /usr/bin/xterm  resolve inside a sysroot",
            "  elfmap predict --loader freebsd-2007 --json ./app  libraries as 2007's FreeBSD rtld maps them"})
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ProgramOptions programOptions;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text, json, html (a self-contained page), folded (flame graph input)")
    String format;

    @Option(names = "--tree", description = "Print only the dependency tree")
    boolean treeOnly;

    @Parameters(index = "0", paramLabel = "EXE", description = "The program (a path inside --root, if given)")
    String program;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OutputChoice how = OutputChoice.of(format, common.json(), "predict", true);
        Optional<LoaderModel> libraryLoader = programOptions.libraryLoader();
        LoaderEnvironment environment = programOptions.environment();
        Closure closure = new ClosureResolver(Sysroot.of(common.root()), environment).resolve(program);
        int exit = closure.complete() ? Main.EXIT_OK : Main.EXIT_PROBLEMS;
        if (treeOnly && how == OutputChoice.TEXT) {
            DependencyTree.print(out, closure);
            out.flush();
            return exit;
        }
        ProgramPrediction prediction = ProgramPrediction.of(closure, common.pageSize(HostPage.size()), libraryLoader);
        switch (how) {
            case JSON -> ImageJson.print(out, prediction.image());
            case HTML -> HtmlPage.write(out, HtmlView.PREDICT,
                    OutputChoice.captured(o -> ImageJson.print(o, prediction.image())));
            case FOLDED -> ImageFolded.write(out, prediction.image(), Metric.VSZ);
            case TEXT -> {
                DependencyTree.print(out, closure);
                out.println();
                PredictText.print(out, prediction);
            }
        }
        out.flush();
        return exit;
    }
}
