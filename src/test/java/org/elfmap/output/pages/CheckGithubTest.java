package org.elfmap.output.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageProblem;
import org.junit.jupiter.api.Test;

/**
 * GitHub workflow commands: one {@code ::error} per problem of a failing library, {@code ::warning}
 * for 32-bit ones, escaped as the Actions toolkit escapes them, pointing at the project line when
 * there is one; and the Markdown summary.
 */
class CheckGithubTest {
    /** {@code ::LEVEL file=F[,line=L],title=T::MESSAGE}, properties and data escaped. */
    static final Pattern COMMAND = Pattern.compile("^::(error|warning) file=([^,:]+)(?:,line=(\\d+))?,title=([^,:]+)::(.+)$");

    /** The fixture world: 11 libraries, 8 failing, the 2 armeabi-v7a copies of libpdfium not binding. */
    static final String SUMMARY = "11 ELF files checked at 16k pages: 8 fail, 2 more with problems in 32-bit ABIs or"
            + " files (not binding without --all-abis)";

    static List<String> render(CheckPagesReport r) {
        StringWriter s = new StringWriter();
        new CheckGithub(java.util.Optional.empty()).render(r, new PrintWriter(s));
        return s.toString().lines().toList();
    }

    @Test
    void everyProblemIsOneAnnotationAtItsLine() throws Exception {
        CheckPagesReport r = AndroidWorld.report(true);
        List<String> lines = render(r);
        List<String> commands = lines.stream().filter(l -> l.startsWith("::")).toList();
        long errors = r.verdicts().stream().filter(FileVerdict::binding).mapToLong(v -> v.problems().size()).sum();
        long warnings = r.verdicts().stream().filter(v -> !v.binding()).mapToLong(v -> v.problems().size()).sum();
        assertThat(commands).hasSize((int) (errors + warnings));
        assertThat(commands.stream().filter(l -> l.startsWith("::error "))).hasSize((int) errors);
        for (String c : commands) {
            assertThat(c).matches(COMMAND);
        }
        assertThat(lines.get(lines.size() - 1)).isEqualTo(SUMMARY);
        // libpdfium: at the version catalog's line, the message whole after unescaping
        FileVerdict pdfium = r.verdicts().stream().filter(v -> v.path().endsWith("apk!/lib/arm64-v8a/libpdfium.so"))
                .findFirst().get();
        // the fixture's LOADs are aligned 0x1000 (readelf -lW), and the dependency is the Gradle cache's
        String expected = "src/test/resources/fixtures/android/project/app/build/outputs/apk/release/app-release.apk"
                + "!/lib/arm64-v8a/libpdfium.so: align: segment 1's p_align 0x1000 is below the 16k page size (0x4000),"
                + " the smallest of LOAD segments 1, 2, 3, 4 below it: Android's ELF policy requires"
                + " at least the page size, and bionic on a 16k device refuses to load it (\"program alignment cannot"
                + " be smaller than system page size\"). From com.example.pdf:pdfium:1.2.0 (same bytes in"
                + " src/test/resources/fixtures/android/gradle-cache/modules-2/files-2.1/com.example.pdf/pdfium/1.2.0/"
                + "d35fd6506ab87bd566cece1bb3752a118917cadb/pdfium-1.2.0.aar!/jni/arm64-v8a/libpdfium.so), app ->"
                + " com.example.viewer:viewer:3.1.0 -> com.example.pdf:pdfium:1.2.0. Fix: upgrade com.example.pdf:pdfium"
                + " past version 1.2.0 (it comes through com.example.viewer:viewer:3.1.0); if no newer version is 16"
                + " KiB-ready, ask its maintainers to rebuild with NDK r28+ (or -Wl,-z,max-page-size=16384).";
        Matcher m = commands.stream().map(COMMAND::matcher).filter(Matcher::matches)
                .filter(x -> unescape(x.group(5)).equals(expected)).findFirst().orElseThrow();
        assertThat(m.group(1)).isEqualTo("error");
        assertThat(m.group(2)).isEqualTo("src/test/resources/fixtures/android/project/gradle/libs.versions.toml");
        assertThat(m.group(3)).isEqualTo("7");
        assertThat(unescape(m.group(4))).isEqualTo("elfmap align: libpdfium.so (arm64-v8a)");
    }

    /** The toolkit's own examples ({@code @actions/core} command.test.ts). */
    @Test
    void escapingIsTheToolkits() {
        assertThat(CheckGithub.data("percent % percent % cr \r cr \r lf \n lf \n"))
                .isEqualTo("percent %25 percent %25 cr %0D cr %0D lf %0A lf %0A");
        assertThat(CheckGithub.property("percent % percent % cr \r cr \r lf \n lf \n colon : colon : comma , comma ,"))
                .isEqualTo("percent %25 percent %25 cr %0D cr %0D lf %0A lf %0A colon %3A colon %3A comma %2C comma %2C");
    }

    @Test
    void theSummaryIsATableOfLibrariesWithProblems() throws Exception {
        CheckPagesReport r = AndroidWorld.report(true);
        String md = CheckGithub.summary(r);
        assertThat(md).startsWith("### elfmap check-pages: 16k pages").contains(":x: " + SUMMARY)
                .contains("| library | ABI | problems | from | fix |");
        List<String> rows = md.lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).hasSize((int) r.verdicts().stream().filter(v -> !v.ok()).count());
        assertThat(rows).anyMatch(l -> l.contains("`lib/arm64-v8a/libpdfium.so`")
                && l.contains("com.example.pdf:pdfium:1.2.0 via com.example.viewer:viewer:3.1.0"));
    }

    /** A library with several problems has each one's fix in the table, not only its first problem's. */
    @Test
    void theSummaryListsEveryProblemsFix() throws Exception {
        CheckPagesReport r = AndroidWorld.report(true);
        String md = CheckGithub.summary(r);
        boolean several = false;
        for (FileVerdict v : r.verdicts()) {
            List<String> fixes = v.problems().stream().map(p -> FixAdvice.of(p, r.attribution(v)))
                    .map(f -> f.replace("|", "\\|")).distinct().toList();
            several |= fixes.size() > 1;
            String library = "| `" + v.entry() + "`" + (v.path().contains("!/") ? " in `" + v.container() + "`" : "")
                    + (v.binding() ? "" : " (not binding)") + " | ";
            String row = md.lines().filter(l -> l.startsWith(library)).findFirst().orElse("");
            for (String fix : fixes) {
                assertThat(row).as(v.path()).contains(fix);
            }
        }
        assertThat(several).as("the fixture world has a library with two different fixes").isTrue();
    }

    /** The reason the summary could not be written, not the file's name twice. */
    @Test
    void aStepSummaryThatCannotBeWrittenSaysWhy() {
        CheckRun none = new CheckRun() {
            @Override
            public org.elfmap.space.PageSize page() {
                return org.elfmap.space.PageSize.P16K;
            }

            @Override
            public boolean quiet() {
                return false;
            }

            @Override
            public void forEach(java.util.function.Consumer<FileVerdict> each) {
            }

            @Override
            public Tally tally() {
                return Tally.NONE;
            }
        };
        Path missing = Path.of("/nonexistent/dir/x.md");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CheckGithub(java.util.Optional.of(missing))
                .render(none, new PrintWriter(new StringWriter())))
                .hasMessage("$GITHUB_STEP_SUMMARY: cannot append the summary to /nonexistent/dir/x.md: no such"
                        + " directory (/nonexistent/dir)");
    }

    private static String unescape(String s) {
        return s.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
    }
}
