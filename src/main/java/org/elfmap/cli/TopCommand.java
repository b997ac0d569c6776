package org.elfmap.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.elfmap.BadInputException;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.FileCache;
import org.elfmap.explain.ProcessSummary;
import org.elfmap.explain.SharedObjectCost;
import org.elfmap.explain.SystemImage;
import org.elfmap.explain.SystemScan;
import org.elfmap.output.folded.Metric;
import org.elfmap.output.folded.SystemFolded;
import org.elfmap.output.html.HtmlPage;
import org.elfmap.output.html.HtmlView;
import org.elfmap.space.HostPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap top}: every readable process, by kind, and the files that cost most across them. */
@Command(name = "top", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Every process on this machine, as 'explain' sees each one: VSZ, RSS and PSS by kind (text,",
            "rodata, relro, data, bss, gap, heap, stack, anon...), the machine's totals by kind, and the",
            "mapped files that cost most across all processes: by PSS (their real share of memory) and by",
            "gap (address space reserved between segments, counted once per process that maps the file).",
            "",
            "Processes that exit during the scan, or that this user may not read (run as root to see them",
            "all), are skipped and counted; kernel threads have no address space and are only counted.",
            ""},
        footer = {"",
            "Examples:",
            "  elfmap top                          the 20 largest processes by PSS, the costliest files",
            "  elfmap top --sort vsz --limit 5     the five largest address spaces",
            "  elfmap top --json | jq '.objects[0]'   the file that costs the machine most",
            "  elfmap top --check                  also check every ELF object against its prediction",
            "",
            "Exit codes: 0 success; 1 --check found a mismatch; 2 bad usage or /proc unreadable."})
public final class TopCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--sort", paramLabel = "FIELD", defaultValue = "pss",
            description = "Order processes and files by pss, rss or vsz (default: ${DEFAULT-VALUE})")
    String sort;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "Processes and files listed in the tables (default: ${DEFAULT-VALUE}; JSON lists all)")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text, json, html (a self-contained page), folded (flame graph input,"
                    + " weighed by --sort)")
    String format;

    @Option(names = "--check", description = "Check each ELF object against its loader's prediction (slower)")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new BadInputException("--limit", "must be 0 or more, not " + limit);
        }
        OutputChoice how = OutputChoice.of(format, common.json(), "top", true);
        ToLongFunction<ProcessSummary> key = processKey();
        ExplainOptions options = ExplainOptions.defaults()
                .withFiles(new FileCache(common.pageSize(HostPage.size())))
                .withRoot(common.root())
                .withPredictions(check);
        SystemImage image = SystemScan.scan(options);
        PrintWriter out = spec.commandLine().getOut();
        List<ProcessSummary> processes = image.processes().stream()
                .sorted(Comparator.comparingLong(key).reversed()).toList();
        List<SharedObjectCost> objects = image.objects().stream()
                .sorted(Comparator.comparingLong(objectKey()).reversed()).toList();
        switch (how) {
            case JSON -> TopJson.write(out, image, processes, objects);
            case HTML -> HtmlPage.write(out, HtmlView.TOP,
                    OutputChoice.captured(o -> TopJson.write(o, image, processes, objects)));
            case FOLDED -> SystemFolded.write(out, processes, Metric.named(sort));
            case TEXT -> TopText.print(out, image, processes, objects, limit);
        }
        out.flush();
        boolean mismatch = image.processes().stream().anyMatch(p -> p.mismatches() > 0);
        return check && mismatch ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    private ToLongFunction<ProcessSummary> processKey() {
        return switch (sort) {
            case "pss" -> p -> p.usage().pssBytes();
            case "rss" -> p -> p.usage().rssBytes();
            case "vsz" -> ProcessSummary::vszBytes;
            default -> throw new BadInputException("--sort", "unknown field '" + sort + "' (one of pss, rss, vsz)");
        };
    }

    private ToLongFunction<SharedObjectCost> objectKey() {
        return switch (sort) {
            case "rss" -> o -> o.usage().rssBytes();
            case "vsz" -> SharedObjectCost::vszBytes;
            default -> o -> o.usage().pssBytes();
        };
    }
}
