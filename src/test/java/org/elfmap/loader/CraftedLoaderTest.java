package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.explain.PredictionCheck;
import org.elfmap.maps.MapsEntry;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prediction;
import org.elfmap.testkit.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crafted cases of {@code fixtures/crafted/} (a read-only segment with bss, p_align 0/0x10/2 MiB,
 * overlapping and incongruent PT_LOADs, no PT_LOAD, no or an empty PT_DYNAMIC, a file cut short,
 * two PT_GNU_RELRO, DT_TEXTREL, ET_EXEC and PIE run through {@code ld.so}, an exec that fails),
 * each judged by what the real loader did with it: the committed records of glibc 2.36, musl
 * 1.2.3 and Linux 6.18 always, and this machine's loaders, run now on a fresh build, wherever gcc
 * is installed. A loaded case must equal its model's layout entry by entry (the kernel's merge
 * applied, {@link PredictionCheck}); a refused or killed one must be refused by the model, in the
 * loader's own words.
 */
class CraftedLoaderTest {
    static final Path COMMITTED = Path.of("src/test/resources/fixtures/crafted");

    /** One run of one file on one loader, and the model that must agree with it. */
    record Case(String capture, String model, String file) {
    }

    @TestFactory
    Stream<DynamicTest> committedRecordsAgreeWithTheModels() {
        List<Case> cases = cases(COMMITTED);
        assertThat(cases).as("records in " + COMMITTED).hasSizeGreaterThanOrEqualTo(25);
        return checks(COMMITTED, cases);
    }

    @TestFactory
    Stream<DynamicTest> theLoadersOfThisMachineAgreeWithTheModelsNow(@TempDir Path out) throws Exception {
        assumeTrue(org.elfmap.testkit.Tools.has("gcc") && org.elfmap.testkit.Tools.has("python3"), "gcc and python3 build and run the cases");
        Process build = new ProcessBuilder("bash", "fixtures/crafted/build.sh", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("build.log").toFile()).start();
        assertThat(build.waitFor(180, TimeUnit.SECONDS)).as("build.sh finished").isTrue();
        assertThat(build.exitValue()).as(Files.readString(out.resolve("build.log"))).isZero();
        List<Case> cases = cases(out);
        assertThat(cases).as("cases this machine ran").hasSizeGreaterThanOrEqualTo(10);
        return checks(out, cases);
    }

    private static Stream<DynamicTest> checks(Path dir, List<Case> cases) {
        Map<String, String> versions = versions(dir);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.capture(), () -> check(dir, c, versions)));
    }

    /** The model a record judges: glibc's rules of the glibc that made it. */
    static LoaderModel model(String name, Map<String, String> versions) {
        if (name.equals("glibc")) {
            return GlibcModel.of(LibcVersion.parse(versions.getOrDefault("glibc", "2.36")));
        }
        return Loaders.named(name);
    }

    static void check(Path dir, Case c, Map<String, String> versions) throws IOException {
        ElfFile elf = Elf.read(dir.resolve("bin").resolve(c.file()));
        Layout layout = model(c.model(), versions).layout(elf, PageSize.P4K);
        Path maps = dir.resolve("captures").resolve(c.capture() + ".maps");
        if (Files.exists(maps)) {
            assertThat(layout.refusal()).as(c + ": the loader loaded it").isEmpty();
            List<MapsEntry> entries = LiveLayoutTest.readMaps(maps);
            String path = entries.stream().map(MapsEntry::path).filter(p -> p.endsWith("/" + c.file())).findFirst()
                    .orElseThrow(() -> new AssertionError(c + ": " + c.file() + " is not in " + maps));
            Prediction verdict = PredictionCheck.check(entries, path, layout).prediction();
            assertThat(verdict.differences()).as(c + " under " + layout.loader()).isEmpty();
            assertThat(verdict.status()).as(c + ": " + verdict.reason()).isEqualTo(Prediction.Status.MATCH);
        } else {
            String outcome = Files.readString(dir.resolve("captures").resolve(c.capture() + ".outcome")).trim();
            // "refused: FILE: MESSAGE" or "killed: SIGNAL": the loader's last words are what the model must say
            String said = outcome.substring(outcome.lastIndexOf(": ") + 2);
            assertThat(layout.refusal()).as(c + ": " + outcome).hasValueSatisfying(r -> assertThat(
                    outcome.startsWith("killed: ") ? r.killedBy() : r.loaderMessage()).contains(said));
        }
    }

    static List<Case> cases(Path dir) {
        try {
            return Files.readAllLines(dir.resolve("cases.tsv")).stream().filter(l -> !l.isBlank())
                    .map(l -> l.split("\t")).map(f -> new Case(f[0], f[1], f[2])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> versions(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String l : Files.readAllLines(dir.resolve("versions.tsv"))) {
                String[] f = l.split("\t");
                if (f.length == 2 && !f[1].isBlank()) {
                    out.put(f[0], f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
