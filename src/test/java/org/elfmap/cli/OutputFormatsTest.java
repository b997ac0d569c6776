package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.FileCache;
import org.elfmap.explain.ProcessSummary;
import org.elfmap.explain.SystemImage;
import org.elfmap.explain.SystemScan;
import org.elfmap.output.folded.TopFolded;
import org.elfmap.output.top.TopJson;
import org.elfmap.output.top.TopView;
import org.elfmap.space.Measure;
import org.elfmap.space.HostPage;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.ReportPages;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format html} and {@code --format folded} without a browser (docs/contract.md, "Output
 * formats"): the page embeds exactly what {@code --format json} prints, names its view, and refers
 * to no URL; folded lines have four frames and add up to the JSON's totals by kind.
 */
class OutputFormatsTest {
    static final String SEED = "src/test/resources/fixtures/maps/freebsd-amd64-seed.map";
    static final String SEED_I386 = "src/test/resources/fixtures/maps/freebsd-i386-seed.map";
    /** A capture whose path tries to end the data script, open a comment and split a folded frame. */
    static final String HOSTILE = "555555554000-555555556000 r--p 00000000 fe:00 1234   /tmp/</script><!--<script>;x.so\n"
            + "555555556000-555555559000 r-xp 00002000 fe:00 1234   /tmp/</script><!--<script>;x.so\n"
            + "7ffd10000000-7ffd10021000 rw-p 00000000 00:00 0      [stack]\n";
    static final Pattern FOLDED = Pattern.compile("([^;\\n]+);([^;\\n]+);(segment \\d+|no segment);([a-z-]+) (\\d+)");

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path hostile() throws IOException {
        Path p = tmp.resolve("hostile.maps");
        Files.writeString(p, HOSTILE);
        return p;
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as("exit of %s; stderr: %s", List.of(args), r.err()).isIn(0, 1);
        return r;
    }

    @TestFactory
    Stream<DynamicTest> thePageEmbedsTheJsonByteForByteAndNoUrl() throws IOException {
        String hostile = hostile().toString();
        Object[][] cases = {
            {"explain", new String[] {"explain", SEED}},
            {"explain", new String[] {"explain", hostile}},
            {"predict", new String[] {"predict", "fixtures/seed-compare/amd64/app"}},
            {"compare", new String[] {"compare", SEED_I386, SEED}},
            {"compare", new String[] {"compare", "fixtures/seed-compare/i386/app", "fixtures/seed-compare/amd64/app"}},
        };
        return Stream.of(cases).map(c -> DynamicTest.dynamicTest(String.join(" ", (String[]) c[1]), () -> {
            String[] args = (String[]) c[1];
            String json = ok(with(args, "--format", "json")).out();
            assertThat(ok(with(args, "--json")).out()).isEqualTo(json);
            String page = ok(with(args, "--format", "html")).out();
            assertThat(ReportPages.embeddedJson(page)).isEqualTo(json);
            assertThat(page).contains("<body data-view=\"" + c[0] + "\">");
            String own = ReportPages.withoutData(page);
            assertThat(own).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:").doesNotContain("://");
            for (String ref : ReportPages.urlReferences(page)) {
                assertThat(ref).as("src/href/url() in the page").doesNotContain(":").doesNotStartWith("//");
            }
        }));
    }

    /** Bytes per kind and in all, from folded lines; every line checked against the format. */
    static Map<String, Long> foldedByKind(String folded, String process) {
        Map<String, Long> out = new HashMap<>();
        for (String line : folded.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = FOLDED.matcher(line);
            assertThat(m.matches()).as("a folded line: %s", line).isTrue();
            if (process == null || m.group(1).equals(process)) {
                out.merge(m.group(4), Long.parseLong(m.group(5)), Long::sum);
                out.merge("*", Long.parseLong(m.group(5)), Long::sum);
            }
        }
        return out;
    }

    static Map<String, Long> jsonByKind(JsonNode byKind, String field) {
        Map<String, Long> out = new HashMap<>();
        byKind.fields().forEachRemaining(e -> {
            long v = e.getValue().path(field).asLong(0);
            if (v > 0) {
                out.merge(e.getKey(), v, Long::sum);
                out.merge("*", v, Long::sum);
            }
        });
        return out;
    }

    /** A compare page carries each side as explain (a capture) or predict (an executable) prints it. */
    @Test
    void aComparePageCarriesBothSides() throws IOException {
        String page = ok("compare", "--format", "html", SEED_I386, SEED).out();
        assertThat(ReportPages.embeddedJson(page, "side-a")).isEqualTo(ok("explain", "--json", SEED_I386).out());
        assertThat(ReportPages.embeddedJson(page, "side-b")).isEqualTo(ok("explain", "--json", SEED).out());
        String apps = ok("compare", "--format", "html", "fixtures/seed-compare/i386/app",
                "fixtures/seed-compare/amd64/app").out();
        // a predicted side is predict's image; predict's own header (how the closure was resolved:
        // mode, rules, loader facts) belongs to predict, not to the comparison
        JsonNode predicted = JSON.readTree(ok("predict", "--json", "fixtures/seed-compare/amd64/app").out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) predicted).remove(List.of("mode", "rules", "loader"));
        assertThat(JSON.readTree(ReportPages.embeddedJson(apps, "side-b"))).isEqualTo(predicted);
    }

    @TestFactory
    Stream<DynamicTest> foldedLinesAddUpToTheJson() throws IOException {
        String hostile = hostile().toString();
        List<String[]> cases = List.of(new String[] {"explain", SEED}, new String[] {"explain", hostile},
                new String[] {"predict", "fixtures/seed-compare/amd64/app"});
        return cases.stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            JsonNode json = JSON.readTree(ok(with(args, "--json")).out());
            String folded = ok(with(args, "--format", "folded")).out();
            assertThat(foldedByKind(folded, null)).isEqualTo(jsonByKind(json.get("byKind"), "vszBytes"));
            assertThat(foldedByKind(folded, null).get("*")).isEqualTo(json.at("/totals/vszBytes").asLong());
            assertThat(folded).startsWith(json.get("source").asText().replace(';', ':') + ";");
        }));
    }

    @Test
    void aNameCannotSplitAFoldedFrame() throws IOException {
        String folded = ok("explain", "--format", "folded", hostile().toString()).out();
        assertThat(folded).contains(";/tmp/</script><!--<script>:x.so;");
    }

    @Test
    void theSeedFoldsIntoTextZeroedTailGapAndData() {
        String folded = ok("explain", "--format", "folded", SEED).out();
        // the post's procfs lines: 90 pages of text, the 1-page zeroed tail, the 256-page gap, 18 of data
        assertThat(folded.lines().map(l -> l.substring(l.indexOf(';') + 1)).toList()).containsExactly(
                "/usr/local/lib/;no segment;text " + 90 * 4096, "/usr/local/lib/;no segment;zeroed-tail " + 4096,
                "/usr/local/lib/;no segment;gap " + 256 * 4096, "/usr/local/lib/;no segment;data " + 18 * 4096);
    }

    @Test
    void aLiveProcessFoldsToItsVsz() throws Exception {
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", "libbig2m-glibc.so")) {
            String pid = Integer.toString(run.pid());
            JsonNode json = JSON.readTree(ok("explain", "--json", pid).out());
            String folded = ok("explain", "--format", "folded", pid).out();
            assertThat(foldedByKind(folded, "pid " + pid)).isEqualTo(jsonByKind(json.get("byKind"), "vszBytes"));
            // a gap lies between segments: it belongs to none
            assertThat(folded).containsPattern("libbig2m-glibc\\.so;no segment;gap \\d+");
        }
    }

    /** One scan of this machine printed both ways: every process's lines add up to its byKind. */
    @Test
    void topFoldsEveryProcessToItsByKind() throws IOException {
        SystemImage image = SystemScan.scan(ExplainOptions.defaults().withFiles(new FileCache(HostPage.size()))
                .withPredictions(false));
        List<ProcessSummary> processes = image.processes();
        StringWriter json = new StringWriter();
        try (PrintWriter w = new PrintWriter(json)) {
            new TopJson().render(new TopView(image, processes, image.objects(), 20, Measure.PSS), w);
        }
        JsonNode doc = JSON.readTree(json.toString());
        for (Measure metric : Measure.values()) {
            StringWriter folded = new StringWriter();
            try (PrintWriter w = new PrintWriter(folded)) {
                new TopFolded().render(new TopView(image, processes, image.objects(), 20, metric), w);
            }
            String field = metric.label() + "Bytes";
            Map<String, Map<String, Long>> byProcess = new HashMap<>();
            for (String line : folded.toString().split("\n")) {
                if (!line.isEmpty()) {
                    byProcess.computeIfAbsent(line.substring(0, line.indexOf(';')), k -> new HashMap<>());
                }
            }
            List<String> checked = new ArrayList<>();
            for (JsonNode p : doc.get("processes")) {
                String frame = (p.get("command").asText() + " (" + p.get("pid").asInt() + ")").replace(';', ':');
                Map<String, Long> expected = jsonByKind(p.get("byKind"), field);
                assertThat(foldedByKind(folded.toString(), frame)).as("%s by %s", frame, metric).isEqualTo(expected);
                checked.add(frame);
            }
            assertThat(foldedByKind(folded.toString(), null)).isEqualTo(jsonByKind(doc.get("byKind"), field));
            assertThat(checked).hasSize(processes.size());
        }
    }

    @Test
    void formatsACommandDoesNotHaveAreUsageErrors() {
        CliRun.of("compare", "--format", "folded", SEED_I386, SEED).failsWith("folded", "compare").oneErrorLine();
        CliRun.of("top", "--format", "xml").failsWith("xml").oneErrorLine();
        CliRun.of("explain", "--json", "--format", "html", SEED).failsWith("--json", "html").oneErrorLine();
    }
}
