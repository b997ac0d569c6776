package org.elfmap.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.Explainer;
import org.elfmap.explain.FileCache;
import org.elfmap.explain.Source;
import org.elfmap.loader.Loaders;
import org.elfmap.maps.MapsFormat;
import org.elfmap.output.Format;
import org.elfmap.output.Renderers;
import org.elfmap.output.image.ExplainView;
import org.elfmap.space.AddressImage;
import org.elfmap.space.HostPage;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap explain [PID | MAPSFILE | -]}: an observed address space, mapping by mapping. */
final class ExplainCommand implements Subcommand {
    static final String NAME = "explain";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "Where an observed address space goes: every mapping attributed and checked", new String[] {
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
            ""}, new String[] {"",
            "Examples:",
            "  elfmap explain $$$$                       this shell, by object and kind",
            "  elfmap explain -v 1234                  every mapping with a note on what it is",
            "  elfmap explain --format json 1234       the contract's JSON (docs/contract.md)",
            "  elfmap explain --format html 1234 > p.html   the picture: one offline page",
            "  elfmap explain xterm.map                a FreeBSD procfs map capture",
            "  objdump -x libc.so.7 | elfmap explain --loader freebsd-2007 -   a listing, as in 2007",
            "  elfmap explain --loader freebsd@10 x.map  a FreeBSD 10 capture: its PROT_NONE gaps count in VSZ",
            "  cat /proc/1234/maps | elfmap explain -  from stdin",
            "  elfmap explain --strict 1234            exit 1 if any object differs from its prediction",
            "",
            "Exit codes: 0 success; 1 --strict found a mismatch; 2 bad input (one line on stderr)."});
        CommonOptions.addTo(spec, NAME);
        spec.addOption(Specs.value("FORMAT", "Capture format instead of recognising it: " + MapsFormat.labels(),
                "--input-format"));
        spec.addOption(Specs.value("NAME", "Loader model for libraries (default: the process's own dynamic linker);"
                + " for a FreeBSD capture freebsd@N also says its release, which decides whether object-less"
                + " PROT_NONE gaps are guards (12+, not in VSZ) or reservations (8-11, in VSZ)", "-l", "--loader"));
        spec.addOption(Specs.flag("List every mapping with a note on what it is and costs", "-v", "--verbose"));
        spec.addOption(Specs.flag("Exit 1 when any ELF object differs from its prediction", "--strict"));
        spec.addPositional(Specs.positional("0", "0..1", "PID|FILE|-",
                "A process id, a capture file, or - for stdin (the default)"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        Optional<String> legacy = legacyInputFormat(common, io.err());
        if (legacy.isEmpty()) {
            common.requireKnownFormat();
        }
        Optional<String> inputFormat = args.value("--input-format").or(() -> legacy);
        String input = args.positional(0).orElse("-");
        Source source = Source.of(input);
        if (source instanceof Source.Pid && inputFormat.isPresent()) {
            throw new BadInputException("--input-format", "applies to captures; a live process is read as the kernel"
                    + " gives it (smaps, or maps when smaps is not readable)");
        }
        if (input.equals("-")) {
            StandardInput.requireOpen();
        }
        boolean verbose = args.flag("--verbose");
        ExplainOptions options = ExplainOptions.defaults()
                .withFiles(new FileCache(common.pageSize(HostPage.size())))
                .withPageFromCapture(common.pageSize().isEmpty())
                .withFormat(inputFormat.map(MapsFormat::named))
                .withRoot(common.root())
                .withLoader(args.value("--loader").map(String::trim).map(Loaders::named))
                .withMaxListed(common.format() != Format.TEXT || verbose ? ExplainOptions.LISTED_WHEN_HUGE : 0);
        var renderer = Renderers.explain(common.format());
        AddressImage image = Explainer.explain(source, options);
        io.render(renderer, new ExplainView(image, verbose), common.format());
        boolean mismatch = image.objects().stream().map(ObjectImage::prediction).flatMap(Optional::stream)
                .anyMatch(p -> p.status() == Prediction.Status.MISMATCH);
        return args.flag("--strict") && mismatch ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    /**
     * explain's {@code --format} used to name the capture's format: such a value is still taken as
     * one, with a one-line warning (contract "Output formats").
     */
    private static Optional<String> legacyInputFormat(CommonOptions common, PrintWriter err) {
        Optional<String> v = common.formatValue().filter(f -> Format.byLabel(f).isEmpty());
        if (v.isPresent() && MapsFormat.byLabel(v.get()).isPresent()) {
            err.println("elfmap: warning: --format " + v.get() + " names an input format; use --input-format "
                    + v.get() + " (--format now chooses the output)");
            return v;
        }
        return Optional.empty();
    }
}
