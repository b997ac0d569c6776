package org.elfmap.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.elfmap.space.AddressImage;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.Explainer;
import org.elfmap.explain.FileCache;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.explain.Source;
import org.elfmap.space.HostPage;
import org.elfmap.loader.Loaders;
import org.elfmap.maps.MapsFormat;
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

/** {@code elfmap explain [PID | MAPSFILE | -]}: an observed address space, mapping by mapping. */
@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Explain an observed address space: attribute every mapping to its object (path, dev:inode or",
            "FreeBSD VM object), the PT_LOAD segment it comes from and a kind (text, rodata, relro, data,",
            "bss, gap, zeroed-tail, heap, stack, vdso, vvar, vsyscall, anon, file, shm), say what each",
            "costs, and check every ELF object against its loader's predicted layout.",
            "",
            "Reads a running process (its smaps, or maps when smaps is not permitted), or a capture of",
            "Linux maps, smaps or smaps_rollup, FreeBSD /proc/PID/map or procstat -v, from a file or",
            "stdin. Files that cannot be read (missing, cut short, deleted, replaced since) are",
            "classified by the shape of their entries instead, and the output says so.",
            "",
            "A 'readelf -lW' or 'objdump -x' listing is recognised too (for when only a listing is at",
            "hand, as in the 2007 post): its one object is laid out by --loader and shown the same way.",
            ""},
        footer = {"",
            "Examples:",
            "  elfmap explain $$$$                       this shell, by object and kind",
            "  elfmap explain -v 1234                  every mapping with a note on what it is",
            "  elfmap explain --json 1234              the contract's JSON (docs/contract.md)",
            "  elfmap explain xterm.map                a FreeBSD procfs map capture",
            "  objdump -x libc.so.7 | elfmap explain --loader freebsd-2007 -   a listing, as in 2007",
            "  cat /proc/1234/maps | elfmap explain -  from stdin",
            "  elfmap explain --strict 1234            exit 1 if any object differs from its prediction",
            "",
            "Exit codes: 0 success; 1 --strict found a mismatch; 2 bad input (one line on stderr)."})
public final class ExplainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text, json, html (a self-contained page), folded (flame graph input);"
                    + " or the input format instead of recognising it: linux-maps, linux-smaps, linux-smaps-rollup,"
                    + " freebsd-map, procstat")
    String format;

    @Option(names = {"-l", "--loader"}, paramLabel = "NAME",
            description = "Loader model for libraries (default: the process's own dynamic linker)")
    String loader;

    @Option(names = {"-v", "--verbose"}, description = "List every mapping with a note on what it is and costs")
    boolean verbose;

    @Option(names = "--strict", description = "Exit 1 when any ELF object differs from its prediction")
    boolean strict;

    @Parameters(arity = "0..1", paramLabel = "PID|FILE|-", defaultValue = "-",
            description = "A process id, a capture file, or - for stdin (the default)")
    String input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // until the input format moves to --input-format, --format names either
        boolean output = format != null && OutputChoice.named(format) != null;
        OutputChoice how = OutputChoice.of(output ? format : null, common.json(), "explain", true);
        ExplainOptions options = ExplainOptions.defaults()
                .withFiles(new FileCache(common.pageSize(HostPage.size())))
                .withFormat(Optional.ofNullable(output ? null : format).map(MapsFormat::named))
                .withRoot(common.root())
                .withLoader(Optional.ofNullable(loader).map(Loaders::named))
                .withMaxListed(how == OutputChoice.JSON || how == OutputChoice.HTML || verbose
                        ? ExplainOptions.LISTED_WHEN_HUGE : 0);
        AddressImage image = Explainer.explain(Source.of(input), options);
        switch (how) {
            case JSON -> ImageJson.print(out, image);
            case HTML -> HtmlPage.write(out, HtmlView.EXPLAIN, OutputChoice.captured(o -> ImageJson.print(o, image)));
            case FOLDED -> ImageFolded.write(out, image, Metric.VSZ);
            case TEXT -> ImageText.print(out, image, verbose);
        }
        out.flush();
        boolean mismatch = image.objects().stream().map(ObjectImage::prediction).flatMap(Optional::stream)
                .anyMatch(p -> p.status() == Prediction.Status.MISMATCH);
        return strict && mismatch ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }
}
