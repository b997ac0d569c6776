package org.elfmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.BadInputException;
import org.elfmap.deps.ReadOnce;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.elfmap.deps.Closure;
import org.elfmap.deps.ClosureResolver;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.deps.ProgramPrediction;
import org.elfmap.deps.Sysroot;
import org.elfmap.space.HostPage;
import org.elfmap.loader.LoaderModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code elfmap predict EXE...}: the dependency closure and the whole program's mapped image before
 * it runs; several programs in one run share what they read ({@link ReadOnce}).
 */
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
            "  elfmap predict --json @programs.txt                many programs, one JSON array",
            "  elfmap predict --env LD_LIBRARY_PATH=/opt/lib ./app",
            "  elfmap predict --root /srv/sysroot /usr/bin/xterm  resolve inside a sysroot",
            "  elfmap predict --loader freebsd-2007 --json ./app  libraries as 2007's FreeBSD rtld maps them"})
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ProgramOptions programOptions;

    @Option(names = "--tree", description = "Print only the dependency tree")
    boolean treeOnly;

    @Parameters(arity = "1..*", paramLabel = "EXE", description = "The program (a path inside --root, if given);"
            + " several, or @LIST (paths from LIST, one per line), are predicted in one run")
    List<String> programs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (programs.size() == 1 && !programs.get(0).startsWith("@")) {
            return predict(programs.get(0), new ReadOnce(), out, null);
        }
        List<Path> all = PathArguments.expand(programs);
        // several: one JSON array (or texts one after another), caches shared, a bad program reported and skipped
        ReadOnce reads = new ReadOnce();
        JsonOutput json = common.json() ? new JsonOutput(out) : null;
        if (json != null) {
            json.startArray();
        }
        int exit = Main.EXIT_OK;
        boolean first = true;
        for (Path program : all) {
            if (json == null && !first) {
                out.println();
            }
            first = false;
            try {
                exit = Math.max(exit, predict(program.toString(), reads, out, json));
            } catch (BadInputException e) {
                out.flush();
                Main.report(spec.commandLine().getErr(), e, common.debug());
                exit = Main.EXIT_BAD_INPUT;
            }
        }
        if (json != null) {
            json.endArray();
            json.close();
            out.println();
        }
        out.flush();
        return exit;
    }

    /** One program: printed as its own document, or as the next element of {@code array}. */
    private int predict(String program, ReadOnce reads, PrintWriter out, JsonOutput array) {
        Optional<LoaderModel> libraryLoader = programOptions.libraryLoader();
        LoaderEnvironment environment = programOptions.environment();
        Closure closure = new ClosureResolver(Sysroot.of(common.root()), environment, reads).resolve(program);
        int exit = closure.complete() ? Main.EXIT_OK : Main.EXIT_PROBLEMS;
        if (treeOnly && !common.json()) {
            DependencyTree.print(out, closure);
            out.flush();
            return exit;
        }
        ProgramPrediction prediction = ProgramPrediction.of(closure, common.pageSize(HostPage.size()), libraryLoader);
        if (array != null) {
            ImageJson.write(array, prediction.image());
        } else if (common.json()) {
            JsonOutput json = new JsonOutput(out);
            ImageJson.write(json, prediction.image());
            json.close();
            out.println();
        } else {
            DependencyTree.print(out, closure);
            out.println();
            PredictText.print(out, prediction);
        }
        out.flush();
        return exit;
    }
}
