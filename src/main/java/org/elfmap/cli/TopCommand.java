package org.elfmap.cli;

import java.util.List;
import java.util.function.ToLongFunction;
import org.elfmap.BadInputException;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.FileCache;
import org.elfmap.explain.ProcessSummary;
import org.elfmap.explain.SharedObjectCost;
import org.elfmap.explain.SystemImage;
import org.elfmap.explain.SystemScan;
import org.elfmap.output.Renderers;
import org.elfmap.output.top.TopView;
import org.elfmap.space.HostPage;
import org.elfmap.space.Measure;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap top}: every readable process, by kind, and the files that cost most across them. */
final class TopCommand implements Subcommand {
    static final String NAME = "top";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "Every process on this machine, by kind, and the files that cost most", new String[] {
            "Every process on this machine, as 'explain' sees each one: VSZ, RSS and PSS by kind (text,",
            "rodata, relro, data, bss, gap, heap, stack, anon...), the machine's totals by kind, and the",
            "mapped files that cost most across all processes: by PSS (their real share of memory) and by",
            "gap (address space reserved between segments, counted once per process that maps the file).",
            "",
            "Processes that exit during the scan, or that this user may not read (run as root to see them",
            "all), are skipped and counted; kernel threads have no address space and are only counted.",
            ""}, new String[] {"",
            "Examples:",
            "  elfmap top                          the 20 largest processes by PSS, the costliest files",
            "  elfmap top --sort vsz --limit 5     the five largest address spaces",
            "  elfmap top --json | jq '.objects[0]'   the file that costs the machine most",
            "  elfmap top --format html > top.html   every process on one offline page",
            "  elfmap top --check                  also check every ELF object against its prediction",
            "",
            "Exit codes: 0 success; 1 --check found a mismatch; 2 bad usage or /proc unreadable."});
        CommonOptions.addTo(spec, NAME);
        spec.addOption(Specs.value("FIELD", "Order processes and files by pss, rss or vsz (default: pss)", "--sort"));
        spec.addOption(Specs.value("N", "Processes and files listed in the tables (default: 20; JSON lists all)",
                "-n", "--limit"));
        spec.addOption(Specs.flag("Check each ELF object against its loader's prediction (slower)", "--check"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        String sortText = args.value("--sort").orElse("pss");
        Measure sort = Measure.byLabel(sortText).orElseThrow(() -> new BadInputException("--sort",
                "unknown field '" + sortText + "' (one of pss, rss, vsz)"));
        // own comparators, not Comparator.comparingLong: the JDK's lambdas are spun on first use
        // (~5 ms of start-up), ours come from the AOT cache
        ToLongFunction<ProcessSummary> key = processKey(sort);
        ToLongFunction<SharedObjectCost> objectKey = objectKey(sort);
        int limit = limit(args.value("--limit").orElse("20"));
        boolean check = args.flag("--check");
        var renderer = Renderers.top(common.format());
        ExplainOptions options = ExplainOptions.defaults()
                .withFiles(new FileCache(common.pageSize(HostPage.size())))
                .withRoot(common.root())
                .withPredictions(check);
        SystemImage image = SystemScan.scan(options);
        List<ProcessSummary> processes = image.processes().stream()
                .sorted((a, b) -> Long.compare(key.applyAsLong(b), key.applyAsLong(a))).toList(); // largest first
        List<SharedObjectCost> objects = image.objects().stream()
                .sorted((a, b) -> Long.compare(objectKey.applyAsLong(b), objectKey.applyAsLong(a))).toList();
        io.render(renderer, new TopView(image, processes, objects, limit, sort),
                common.format());
        boolean mismatch = image.processes().stream().anyMatch(p -> p.mismatches() > 0);
        return check && mismatch ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    private static int limit(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadInputException("--limit", "must be a whole number, 0 or more, not '" + text + "'");
    }

    private static ToLongFunction<ProcessSummary> processKey(Measure sort) {
        return switch (sort) {
            case PSS -> p -> p.usage().pssBytes();
            case RSS -> p -> p.usage().rssBytes();
            case VSZ -> ProcessSummary::vszBytes;
        };
    }

    private static ToLongFunction<SharedObjectCost> objectKey(Measure sort) {
        return switch (sort) {
            case PSS -> o -> o.usage().pssBytes();
            case RSS -> o -> o.usage().rssBytes();
            case VSZ -> SharedObjectCost::vszBytes;
        };
    }
}
