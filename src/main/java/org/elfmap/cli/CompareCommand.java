package org.elfmap.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.elfmap.compare.Comparer;
import org.elfmap.compare.Comparison;
import org.elfmap.compare.Operand;
import org.elfmap.space.AddressImage;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.output.html.HtmlPage;
import org.elfmap.output.html.HtmlView;
import org.elfmap.explain.FileCache;
import org.elfmap.space.HostPage;
import org.elfmap.space.PageSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap compare A B}: two address spaces side by side, and what the difference is made of. */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Compare two address spaces object by object and kind by kind, and say which kinds make the",
            "difference. A and B are each a PID, an executable (its whole program is predicted, as",
            "'predict' does), or a capture (Linux maps/smaps, FreeBSD procfs map, procstat -v; - is stdin).",
            "",
            "Objects are matched by soname, else file name, so an i386 and an amd64 build line up, and",
            "the dynamic linker matches the dynamic linker whatever its architecture calls it. When one",
            "side is a prediction, [stack], [heap] and anonymous memory are listed but the explanation",
            "compares ELF objects only.",
            ""},
        footer = {"",
            "Examples:",
            "  elfmap compare build-i386/app build-amd64/app    the 2007 question: where does amd64's VSZ go?",
            "  elfmap compare 1234 5678                         two running processes",
            "  elfmap compare /usr/bin/python3 1234             the prediction against the running program",
            "  elfmap compare xterm-i386.map xterm-amd64.map    two FreeBSD procfs map captures",
            "  elfmap compare -v --json a.smaps b.smaps         every object's kinds, as JSON",
            "",
            "Exit codes: 0 success; 1 a predicted side has libraries that were not found (left out);",
            "2 bad usage or unreadable input."})
public final class CompareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ProgramOptions programOptions;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text, json, html (a self-contained page)")
    String format;

    @Option(names = {"-v", "--by-kind"}, description = "Show every object's VSZ per kind, not only its total")
    boolean byKind;

    @Parameters(index = "0", paramLabel = "A", description = "PID, executable, or capture file (- for stdin)")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "PID, executable, or capture file (- for stdin)")
    String b;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (a.equals("-") && b.equals("-")) {
            throw new org.elfmap.BadInputException("compare", "only one side can be read from stdin");
        }
        OutputChoice how = OutputChoice.of(format, common.json(), "compare", false);
        PageSize page = common.pageSize(HostPage.size());
        FileCache files = new FileCache(page);
        ExplainOptions explain = ExplainOptions.defaults().withFiles(files).withRoot(common.root())
                .withLoader(programOptions.libraryLoader());
        Operand.Options options = new Operand.Options(common.root(), page, programOptions.libraryLoader(),
                programOptions.environment(), explain);
        AddressImage left = Operand.load(a, options);
        AddressImage right = Operand.load(b, options);
        Comparison c = Comparer.compare(left, right);
        PrintWriter out = spec.commandLine().getOut();
        switch (how) {
            case JSON -> CompareJson.write(out, c);
            case HTML -> HtmlPage.write(out, HtmlView.COMPARE, OutputChoice.captured(o -> CompareJson.write(o, c)));
            default -> CompareText.print(out, c, byKind);
        }
        out.flush();
        boolean incomplete = !left.unresolved().isEmpty() || !right.unresolved().isEmpty();
        return incomplete ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }
}
