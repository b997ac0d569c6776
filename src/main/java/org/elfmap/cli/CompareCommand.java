package org.elfmap.cli;

import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.compare.Comparer;
import org.elfmap.compare.Comparison;
import org.elfmap.compare.Operand;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.FileCache;
import org.elfmap.maps.MapsFormat;
import org.elfmap.output.Renderers;
import org.elfmap.output.compare.CompareView;
import org.elfmap.space.AddressImage;
import org.elfmap.space.HostPage;
import org.elfmap.space.PageSize;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap compare A B}: two address spaces side by side, and what the difference is made of. */
final class CompareCommand implements Subcommand {
    static final String NAME = "compare";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "Two processes, captures or builds side by side, and what the difference is made of", new String[] {
            "Compare two address spaces object by object and kind by kind, and say which kinds make the",
            "difference. A and B are each a PID, an executable (its whole program is predicted, as",
            "'predict' does), or a capture (Linux maps/smaps, FreeBSD procfs map, procstat -v; - is stdin).",
            "",
            "Objects are matched by soname, else file name, so an i386 and an amd64 build line up, and",
            "the dynamic linker matches the dynamic linker whatever its architecture calls it. When one",
            "side is a prediction, [stack], [heap] and anonymous memory are listed but the explanation",
            "compares ELF objects only.",
            ""}, new String[] {"",
            "Examples:",
            "  elfmap compare build-i386/app build-amd64/app    the 2007 question: where does amd64's VSZ go?",
            "  elfmap compare 1234 5678                         two running processes",
            "  elfmap compare --format html a/app b/app > c.html   both sides on one page, offline",
            "  elfmap compare /usr/bin/python3 1234             the prediction against the running program",
            "  elfmap compare xterm-i386.map xterm-amd64.map    two FreeBSD procfs map captures",
            "  elfmap compare -v --json a.smaps b.smaps         every object's kinds, as JSON",
            "  elfmap compare --loader-a freebsd@10 --loader-b freebsd@14 prog prog",
            "                                                   one program under two FreeBSD releases",
            "",
            "Exit codes: 0 success; 1 a predicted side has libraries that were not found (left out);",
            "2 bad usage or unreadable input."});
        CommonOptions.addTo(spec, NAME);
        ProgramOptions.addTo(spec);
        spec.addOption(Specs.flag("Show every object's VSZ per kind, not only its total", "-v", "--by-kind"));
        spec.addOption(Specs.value("NAME", "Loader model for side A only (its libraries, and how its capture is"
                + " read: freebsd@10)", "--loader-a"));
        spec.addOption(Specs.value("NAME", "Loader model for side B only", "--loader-b"));
        spec.addOption(Specs.value("FORMAT", "Capture format of both sides, instead of recognising it: "
                + MapsFormat.labels() + " (applies to each side that is a capture file or -)", "--input-format"));
        spec.addPositional(Specs.positional("0", "1", "A", "PID, executable, or capture file (- for stdin)"));
        spec.addPositional(Specs.positional("1", "1", "B", "PID, executable, or capture file (- for stdin)"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        ProgramOptions program = ProgramOptions.of(args);
        String a = args.positional(0).orElseThrow();
        String b = args.positional(1).orElseThrow();
        if (a.equals("-") && b.equals("-")) {
            throw new BadInputException("compare", "only one side can be read from stdin");
        }
        if (a.equals("-") || b.equals("-")) {
            StandardInput.requireOpen();
        }
        Optional<MapsFormat> inputFormat = args.value("--input-format").map(MapsFormat::named);
        if (inputFormat.isPresent() && !Operand.isCapture(a, common.root()) && !Operand.isCapture(b, common.root())) {
            throw new BadInputException("--input-format", "applies to captures; neither side is one (a PID is read"
                    + " as the kernel gives it, an executable is predicted)");
        }
        var renderer = Renderers.compare(common.format());
        PageSize page = common.pageSize(HostPage.size());
        FileCache files = new FileCache(page);
        Optional<LoaderModel> forA = side(args, "--loader-a").or(program::libraryLoader);
        Optional<LoaderModel> forB = side(args, "--loader-b").or(program::libraryLoader);
        AddressImage left = Operand.load(a, options(common, program, page, files, forA, inputFormat));
        AddressImage right = Operand.load(b, options(common, program, page, files, forB, inputFormat));
        if (!forA.map(LoaderModel::name).equals(forB.map(LoaderModel::name))) {
            // the same file under two loaders: say which side is which
            left = Operand.under(left, forA);
            right = Operand.under(right, forB);
        }
        Comparison c = Comparer.compare(left, right);
        io.render(renderer, new CompareView(c, left, right, args.flag("--by-kind")), common.format());
        boolean incomplete = !left.unresolved().isEmpty() || !right.unresolved().isEmpty();
        return incomplete ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    private static Optional<LoaderModel> side(Args args, String option) {
        return args.value(option).map(String::trim).map(Loaders::named);
    }

    private static Operand.Options options(CommonOptions common, ProgramOptions program, PageSize page, FileCache files,
                                           Optional<LoaderModel> loader, Optional<MapsFormat> inputFormat) {
        ExplainOptions explain = ExplainOptions.defaults().withFiles(files).withRoot(common.root()).withLoader(loader)
                .withPageFromCapture(common.pageSize().isEmpty()).withFormat(inputFormat);
        return new Operand.Options(common.root(), page, loader, program.environment(), explain, program.target());
    }
}
