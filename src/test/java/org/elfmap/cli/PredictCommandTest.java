package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.RealLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elfmap predict} as users and scripts see it: the tree, the table, the JSON contract, exit codes. */
class PredictCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void jsonFollowsTheContract() throws Exception {
        RealLoader.require();
        CliRun run = CliRun.of("predict", "--json", RealLoader.hostFile("/usr/bin/ssh").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("source").asText()).isEqualTo("predicted /usr/bin/ssh");
        assertThat(root.get("format").asText()).isEqualTo("predicted");
        assertThat(root.get("unresolved").isArray()).isTrue();
        assertThat(root.get("unresolved")).isEmpty();
        long total = 0;
        List<String> paths = new ArrayList<>();
        for (JsonNode o : root.get("objects")) {
            paths.add(o.get("path").asText());
            assertThat(o.has("prediction")).as("prediction is omitted in predictions").isFalse();
            long sum = 0;
            for (JsonNode m : o.get("mappings")) {
                assertThat(m.get("start").asText()).matches("0x[0-9a-f]+");
                assertThat(m.get("prot").asText()).matches("[r-][w-][x-]p");
                sum += m.get("vszBytes").asLong();
                assertThat(m.get("kind").asText()).isIn("text", "rodata", "relro", "data", "bss", "gap", "zeroed-tail");
            }
            assertThat(o.get("vszBytes").asLong()).isEqualTo(sum);
            long byKind = 0;
            for (Iterator<JsonNode> it = o.get("byKind").elements(); it.hasNext(); ) {
                byKind += it.next().get("vszBytes").asLong();
            }
            assertThat(byKind).isEqualTo(sum);
            total += sum;
        }
        assertThat(paths).contains("/usr/bin/ssh", "/lib64/ld-linux-x86-64.so.2").anyMatch(p -> p.endsWith("/libc.so.6"));
        assertThat(root.get("mode").asText()).isEqualTo("program");
        assertThat(root.get("rules").asText()).isEqualTo("glibc");
        assertThat(root.get("totals").get("vszBytes").asLong()).isEqualTo(total);
        assertThat(root.get("byKind").get("text").get("vszBytes").asLong()).isPositive();
        assertThat(root.get("totals").has("rssBytes")).as("no RSS in a prediction").isFalse();
    }

    @Test
    void missingLibraryIsUnresolvedWithExitOne() throws Exception {
        Path app = Fixtures.dir("deps").resolve("bin/app-missing");
        CliRun json = CliRun.of("predict", "--json", app.toString());
        assertThat(json.exit()).isEqualTo(1);
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("unresolved")).extracting(JsonNode::asText).containsExactly("libdr_missing.so");
        CliRun text = CliRun.of("predict", app.toString());
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains("libdr_missing.so => NOT FOUND: cannot open shared object file")
                .contains("unresolved:");
    }

    @Test
    void treeSaysWhereAndWhy() {
        Path root = Fixtures.copy("deps", tmp.resolve("t"));
        CliRun run = CliRun.of("predict", "--tree", root.resolve("bin/app-runpath").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("libdr_a.so => " + root + "/bin/../lib/libdr_a.so  [runpath of " + root + "/bin/app-runpath]")
                .contains("        libdr_c.so => " + root + "/bin/../lib/libdr_c.so  [runpath of " + root
                        + "/bin/../lib/libdr_a.so]")
                .contains("libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6  [ld.so.cache]")
                .doesNotContain("VSZ");
    }

    @Test
    void textShowsVszByObjectAndKindAndWhatIsNotPredicted() {
        CliRun run = CliRun.of("predict", Fixtures.dir("seed-compare").resolve("amd64/app").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("libseeda.so").contains("gap").contains("1020")
                .contains("[stack], [heap], [vdso], [vvar] and anonymous memory are not predicted");
    }

    @Test
    void envSetsLibraryPath() {
        // Any directory that holds libdr_b: LD_LIBRARY_PATH is taken as given, whatever $PLATFORM is.
        Path dir = Fixtures.dir("deps");
        CliRun run = CliRun.of("predict", "--tree", "--env", "LD_LIBRARY_PATH=" + dir.resolve("plat/xeon_phi"),
                dir.resolve("bin/app-runpath").toString());
        assertThat(run.out()).contains("libdr_b.so => " + dir + "/plat/xeon_phi/libdr_b.so  [LD_LIBRARY_PATH]");
    }

    /** $PLATFORM and where it came from, in the tree's header and in JSON; --platform replaces it. */
    @Test
    void platformAndItsSourceAreShown() throws Exception {
        Path root = Fixtures.copy("deps", tmp.resolve("p"));
        String app = root.resolve("bin/app-dst").toString();
        String platform = RealLoader.platform();
        CliRun tree = CliRun.of("predict", "--tree", app);
        assertThat(tree.exit()).as(tree.err()).isZero();
        assertThat(tree.out().lines().findFirst().orElseThrow()).contains("program, glibc search rules, $PLATFORM "
                + platform + " from ld.so --list-diagnostics");
        assertThat(tree.out()).contains("libdr_b.so => " + root + "/bin/../plat/" + platform + "/libdr_b.so");
        JsonNode loader = JSON.readTree(CliRun.of("predict", "--json", app).out()).get("loader");
        assertThat(loader.get("platform").asText()).isEqualTo(platform);
        assertThat(loader.get("platformSource").asText()).startsWith("ld.so --list-diagnostics");
        assertThat(loader.get("glibc").asText()).isEqualTo(RealLoader.version());
        CliRun given = CliRun.of("predict", "--tree", "--platform", "xeon_phi", "--glibc", "2.36", "--hwcaps", "none", app);
        assertThat(given.out()).contains("$PLATFORM xeon_phi from --platform")
                .contains("libdr_b.so => " + root + "/bin/../plat/xeon_phi/libdr_b.so");
    }

    /** A library is predicted as dlopen and ldd load it, and the output says so in words and in JSON. */
    @Test
    void libraryModeIsSaid() throws Exception {
        RealLoader.require();
        Path lib = Fixtures.copy("deps", tmp.resolve("l")).resolve("lib/libdr_a.so");
        CliRun text = CliRun.of("predict", lib.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out().lines().findFirst().orElseThrow()).contains("library: as dlopen and ldd load it");
        assertThat(text.out()).doesNotContain("static").contains("libdr_c.so => ");
        JsonNode root = JSON.readTree(CliRun.of("predict", "--json", lib.toString()).out());
        assertThat(root.get("mode").asText()).isEqualTo("library");
        List<String> paths = new ArrayList<>();
        root.get("objects").forEach(o -> paths.add(o.get("path").asText()));
        assertThat(paths).startsWith(lib.toString()).contains("/lib64/ld-linux-x86-64.so.2");
        JsonNode asProgram = JSON.readTree(CliRun.of("predict", "--json", "--mode", "program", lib.toString()).out());
        assertThat(asProgram.get("mode").asText()).isEqualTo("program");
        CliRun.of("predict", "--mode", "plugin", lib.toString()).failsWith("--mode", "program or library").oneErrorLine();
        CliRun.of("predict", "--glibc", "two", lib.toString()).failsWith("--glibc").oneErrorLine();
    }

    @Test
    void aPieNamedAsALibraryIsRefused() {
        RealLoader.require();
        Path app = Fixtures.copy("deps", tmp.resolve("pie")).resolve("bin/app-pie");
        CliRun run = CliRun.of("predict", "--tree", app.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("/lib-pie/libdr_pie.so  REFUSED: cannot dynamically load position-independent executable");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun missing = CliRun.of("predict", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("no such file");
        CliRun env = CliRun.of("predict", "--env", "=x", "/usr/bin/ssh");
        assertThat(env.exit()).isEqualTo(2);
        assertThat(env.err().strip()).isEqualTo("elfmap: --env: '=x' is not NAME=VALUE");
        CliRun loader = CliRun.of("predict", "--loader", "nope", "/usr/bin/ssh");
        assertThat(loader.exit()).isEqualTo(2);
        assertThat(loader.err()).contains("unknown loader 'nope'");
    }

    @Test
    void sysrootWithoutItsInterpreterReportsIt() {
        Path root = Fixtures.copy("deps", tmp.resolve("sysroot"));
        CliRun run = CliRun.of("predict", "--root", root.toString(), "--json", "/bin/app-dst");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("\"/lib64/ld-linux-x86-64.so.2\"");
    }
}
