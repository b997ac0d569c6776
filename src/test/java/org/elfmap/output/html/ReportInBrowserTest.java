package org.elfmap.output.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elfmap.cli.CliRun;
import org.elfmap.testkit.Chromium;
import org.elfmap.testkit.Dom;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.ReportPages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports opened in a real browser, headless Chromium: a live process, the seed's FreeBSD
 * capture, a doctored capture whose prediction fails, a prediction, two comparisons and this
 * machine's {@code top}. Each page must draw without a script error or console message, and the
 * drawn elements must say what the embedded JSON says: one address-strip element per mapping with
 * its start, end, kind and object; the loader's prediction as outlines; the kinds' bytes in the
 * charts. Pages and screenshots are left in {@code target/reports/} to look at. Skipped, saying
 * so, where no Chromium is installed ({@code apt-get install chromium}; .ci/run does).
 */
class ReportInBrowserTest {
    static final Path OUT = Path.of("target/reports");
    static final String SEED = "src/test/resources/fixtures/maps/freebsd-amd64-seed.map";
    static final String SEED_I386 = "src/test/resources/fixtures/maps/freebsd-i386-seed.map";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Chromium browser;

    @BeforeAll
    static void findBrowser() {
        browser = Chromium.find(OUT.resolve("profiles")).orElse(null);
        Assumptions.assumeTrue(browser != null,
                "no chromium on PATH (Debian: apt-get install chromium; or set CHROMIUM): browser tests skipped");
    }

    /** A page as a command wrote it, and what the browser made of it. */
    record Report(String html, JsonNode json, Dom dom) {
        List<Map<String, String>> drawn(String tag, String cssClass) {
            return dom.elements(tag).stream().filter(e -> Dom.hasClass(e, cssClass)).toList();
        }
    }

    static Report open(String name, String fragment, String... args) throws IOException, InterruptedException {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as("elfmap %s: %s", String.join(" ", args), run.err()).isIn(0, 1);
        Files.createDirectories(OUT);
        Path page = OUT.resolve(name + ".html");
        Files.writeString(page, run.out(), StandardCharsets.UTF_8);
        Chromium.Loaded loaded = browser.load(page, fragment, 1280, 1000);
        Dom dom = loaded.parsed();
        Map<String, String> root = dom.root();
        assertThat(root.get("data-errors")).as("script errors on %s", page).isNull();
        assertThat(loaded.console()).as("console messages of %s", page).isEmpty();
        assertThat(root.get("data-rendered")).as("%s drew its view", page).isEqualTo(args[0]);
        browser.screenshot(page, fragment, OUT.resolve(name + ".png"), 1280, 1000);
        return new Report(run.out(), JSON.readTree(ReportPages.embeddedJson(run.out())), dom);
    }

    /** start, end, kind and object of every mapping the JSON lists, in address order per object. */
    static List<List<String>> mappings(JsonNode image, String field) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode o : image.get("objects")) {
            for (JsonNode m : o.path(field)) {
                out.add(List.of(m.get("start").asText(), m.get("end").asText(), m.get("kind").asText(),
                        o.get("path").asText()));
            }
        }
        return out;
    }

    static List<List<String>> drawnMappings(List<Map<String, String>> elements) {
        return elements.stream().map(e -> List.of(e.get("data-start"), e.get("data-end"), e.get("data-kind"),
                e.getOrDefault("data-object", ""))).toList();
    }

    /** The strip draws every mapping once, with the JSON's own start, end, kind and object. */
    static void stripShowsEveryMapping(Report r) {
        List<List<String>> drawn = drawnMappings(r.drawn("rect", "m"));
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(mappings(r.json(), "mappings"));
        assertThat(r.dom().root().get("data-mappings-drawn")).isEqualTo(Integer.toString(drawn.size()));
    }

    @Test
    void theSeedsGapIsDrawnAsGapWithItsCostInTheTooltip() throws Exception {
        Report r = open("seed-explain", "kind=gap", "explain", "--format", "html", SEED);
        stripShowsEveryMapping(r);
        // the post's four procfs entries: text, the zeroed tail, the 256-page gap, data
        assertThat(drawnMappings(r.drawn("rect", "m"))).extracting(m -> m.get(2))
                .containsExactly("text", "zeroed-tail", "gap", "data");
        Map<String, String> gap = r.drawn("rect", "m").get(2);
        assertThat(gap).containsEntry("data-start", "0x800fbb000").containsEntry("data-end", "0x8010bb000")
                .containsEntry("fill", "url(#pl-gap)");
        assertThat(gap.get("aria-label")).contains("gap").contains("256 pages");
        // #kind=gap focused it: the tooltip is open and says what the gap is and costs
        String tip = r.dom().html().replaceAll("(?s).*<div id=\"tip\" role=\"tooltip\"([^>]*)>(.*?)</div>.*", "$1|$2");
        assertThat(tip).doesNotContain("hidden").contains("gap").contains("256 pages").contains("VSZ 1.0 MiB")
                .contains("RSS 72.0 KiB").contains("reserved from the file");
        // the kinds bar and the icicle say the same bytes as the JSON
        assertThat(r.drawn("rect", "kb")).extracting(e -> e.get("data-kind") + "=" + e.get("data-bytes"))
                .containsExactly("text=368640", "data=73728", "gap=1048576", "zeroed-tail=4096");
        assertThat(r.dom().html()).contains("gap: 1.0 MiB");
        // the legend's words are the page's elfmap-legend document's (elfmap's Words), drawn
        assertThat(r.dom().html()).contains("address space reserved between segments: VSZ, not memory");
    }

    @Test
    void aLiveProcessWithItsPredictionDrawnOverIt() throws Exception {
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", "libbig2m-glibc.so")) {
            Report r = open("live-explain", "", "explain", "--format", "html", Integer.toString(run.pid()));
            stripShowsEveryMapping(r);
            assertThat(drawnMappings(r.drawn("rect", "m"))).extracting(m -> m.get(2)).contains("gap", "text", "heap");
            List<List<String>> predicted = mappings(r.json(), "predicted");
            assertThat(predicted).as("libc, ld.so, the program and the library were all checked").hasSizeGreaterThan(10);
            assertThat(drawnMappings(r.drawn("rect", "p"))).containsExactlyInAnyOrderElementsOf(predicted);
            // every object matches its prediction here: no outline is marked as missed
            assertThat(r.drawn("rect", "miss")).isEmpty();
            assertThat(r.drawn("rect", "unpredicted")).isEmpty();
        }
    }

    /**
     * Labels appear as you zoom: at the whole address space the program's 4 KiB mappings are
     * slivers without a label; zoomed to the program (#object=PATH, as selecting it does), each
     * has its own.
     */
    @Test
    void labelsAppearAsYouZoom() throws Exception {
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", "libbig2m-glibc.so")) {
            Report whole = open("live-whole", "", "explain", "--format", "html", Integer.toString(run.pid()));
            String program = whole.json().get("objects").get(0).get("path").asText();
            assertThat(program).endsWith("waiter-glibc");
            Path page = OUT.resolve("live-whole.html");
            Dom zoomed = browser.load(page, "object=" + java.net.URLEncoder.encode(program, StandardCharsets.UTF_8)
                    .replace("+", "%20"), 1280, 1000).parsed();
            List<String> ids = whole.drawn("rect", "m").stream().filter(e -> program.equals(e.get("data-object")))
                    .map(e -> e.get("id")).toList();
            assertThat(ids).hasSizeGreaterThanOrEqualTo(4);
            List<String> labelledWhole = whole.dom().elements("text", "data-label-of").stream()
                    .map(e -> e.get("data-label-of")).toList();
            List<String> labelledZoomed = zoomed.elements("text", "data-label-of").stream()
                    .map(e -> e.get("data-label-of")).toList();
            assertThat(labelledWhole).doesNotContainAnyElementsOf(ids);
            assertThat(labelledZoomed).containsAll(ids);
        }
    }

    /**
     * The live process's maps with the library's RELRO mapping left writable (as
     * ExplainLiveTest's --strict case): the check says mismatch, and the page shows it.
     */
    @Test
    void aMismatchIsVisibleAtAGlance() throws Exception {
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", "libfix-glibc.so")) {
            List<String> doctored = run.mapsWithLibraryRelroWritable("libfix-glibc.so");
            Path capture = OUT.resolve("doctored.maps");
            Files.createDirectories(OUT);
            Files.write(capture, doctored);
            Report r = open("mismatch-explain", "", "explain", "--format", "html", capture.toString());
            stripShowsEveryMapping(r);
            String lib = null;
            for (JsonNode o : r.json().get("objects")) {
                if (o.get("path").asText().endsWith("libfix-glibc.so")) {
                    assertThat(o.get("prediction").asText()).isEqualTo("mismatch");
                    lib = o.get("path").asText();
                }
            }
            assertThat(lib).isNotNull();
            assertThat(drawnMappings(r.drawn("rect", "p"))).containsExactlyInAnyOrderElementsOf(mappings(r.json(), "predicted"));
            assertThat(r.drawn("rect", "miss")).isNotEmpty().allSatisfy(e -> assertThat(e.get("data-object")).endsWith("libfix-glibc.so"));
        }
    }

    @Test
    void aPredictionIsOneStretchPerObject() throws Exception {
        Report r = open("predict", "", "predict", "--format", "html", "fixtures/seed-compare/amd64/app");
        stripShowsEveryMapping(r);
        assertThat(drawnMappings(r.drawn("rect", "m"))).extracting(m -> m.get(2)).contains("gap");
        assertThat(r.drawn("rect", "sep")).hasSize(r.json().get("objects").size() - 1);
    }

    @Test
    void compareDrawsBothSidesAndTheDeltaByKind() throws Exception {
        Report r = open("seed-compare", "", "compare", "--format", "html", "fixtures/seed-compare/i386/app",
                "fixtures/seed-compare/amd64/app");
        JsonNode byKind = r.json().get("byKind");
        Map<String, String> expected = new HashMap<>();
        byKind.fields().forEachRemaining(e -> {
            for (String side : List.of("a", "b", "delta")) {
                long v = e.getValue().get(side + "Bytes").asLong();
                if (v != 0) {
                    expected.put(side + " " + e.getKey(), Long.toString(v));
                }
            }
        });
        Map<String, String> drawn = new HashMap<>();
        for (Map<String, String> e : r.dom().elements("rect", "data-side", "data-kind")) {
            if (!e.containsKey("data-object")) {
                drawn.put(e.get("data-side") + " " + e.get("data-kind"), e.get("data-bytes"));
            }
        }
        assertThat(drawn).isEqualTo(expected);
        // per object: each side's kinds and the differences, as the JSON says
        List<String> perObject = new ArrayList<>();
        for (JsonNode o : r.json().get("objects")) {
            o.get("byKind").fields().forEachRemaining(e -> {
                for (String side : List.of("a", "b", "delta")) {
                    long v = e.getValue().get(side + "Bytes").asLong();
                    if (v != 0) {
                        perObject.add(o.get("name").asText() + " " + side + " " + e.getKey() + " " + v);
                    }
                }
            });
        }
        assertThat(r.dom().elements("rect", "data-side", "data-object"))
                .extracting(e -> e.get("data-object") + " " + e.get("data-side") + " " + e.get("data-kind") + " "
                        + e.get("data-bytes"))
                .containsExactlyInAnyOrderElementsOf(perObject);
        // the 2007 answer at a glance: B's excess is gap
        assertThat(expected).containsKey("delta gap");
        // both sides along their addresses, one strip each, every mapping drawn
        for (String side : List.of("a", "b")) {
            JsonNode image = JSON.readTree(ReportPages.embeddedJson(r.html(), "side-" + side));
            List<Map<String, String>> strip = r.drawn("rect", "m").stream()
                    .filter(e -> e.get("id").startsWith("strip-" + side + "-")).toList();
            assertThat(drawnMappings(strip)).containsExactlyInAnyOrderElementsOf(mappings(image, "mappings"));
        }
        assertThat(r.drawn("rect", "m").stream().filter(e -> e.get("id").startsWith("strip-b-"))
                .map(e -> e.get("data-kind"))).contains("gap");
        assertThat(r.drawn("rect", "m").stream().filter(e -> e.get("id").startsWith("strip-a-"))
                .map(e -> e.get("data-kind"))).doesNotContain("gap");
    }

    @Test
    void comparingTheSeedCaptures() throws Exception {
        Report r = open("seed-captures-compare", "", "compare", "--format", "html", SEED_I386, SEED);
        assertThat(r.dom().elements("rect", "data-side=delta", "data-kind=gap"))
                .extracting(e -> e.get("data-bytes")).contains(Long.toString(256 * 4096L));
    }

    /**
     * A name that tries to end the data script and open a comment (WHATWG HTML: script data
     * states) reaches the page's script intact: the browser draws it as the JSON spells it.
     */
    @Test
    void aHostileNameStaysData() throws Exception {
        String name = "/tmp/</script><!--<script>alert(1)</script>;x.so";
        Path capture = OUT.resolve("hostile.maps");
        Files.createDirectories(OUT);
        Files.writeString(capture, "555555554000-555555556000 r--p 00000000 fe:00 1234   " + name + "\n"
                + "7ffd10000000-7ffd10021000 rw-p 00000000 00:00 0      [stack]\n");
        Report r = open("hostile-explain", "", "explain", "--format", "html", capture.toString());
        stripShowsEveryMapping(r);
        assertThat(r.drawn("rect", "m")).extracting(e -> e.get("data-object")).contains(name);
    }

    /** A smaps_rollup capture (this JVM's own) has no entries: its page says VSZ unknown, never 0 bytes. */
    @Test
    void aRollupCaptureSaysItsVszIsUnknown() throws Exception {
        Path capture = OUT.resolve("self.smaps_rollup");
        Files.createDirectories(OUT);
        Files.copy(Path.of("/proc/self/smaps_rollup"), capture, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Report r = open("rollup-explain", "", "explain", "--format", "html", capture.toString());
        assertThat(r.json().at("/totals/vszBytes").isNull()).isTrue();
        assertThat(r.dom().html()).contains("<div class=\"totals\"><div>VSZ <b title=\"smaps_rollup has no entries\">unknown</b>");
    }

    /**
     * 5,000 anonymous mappings: the strip draws the 1,500 largest one by one and folds runs of
     * the rest into "other (N)" elements that still cover them, and says so; the page stays quick.
     */
    @Test
    void aHugeCaptureIsDrawnWithinTheBudget() throws Exception {
        StringBuilder maps = new StringBuilder();
        long at = 0x7f0000000000L;
        int n = 5000;
        for (int i = 0; i < n; i++) {
            long size = (1 + i % 7) * 4096L;
            maps.append(String.format("%x-%x rw-p 00000000 00:00 0%n", at, at + size));
            at += size + 4096;
        }
        Path capture = OUT.resolve("huge.maps");
        Files.createDirectories(OUT);
        Files.writeString(capture, maps);
        Report r = open("huge-explain", "", "explain", "--format", "html", capture.toString());
        List<Map<String, String>> drawn = r.drawn("rect", "m");
        List<Map<String, String>> folds = drawn.stream().filter(e -> Dom.hasClass(e, "fold")).toList();
        assertThat(drawn.size() - folds.size()).isEqualTo(1500);
        assertThat(folds).allSatisfy(e -> assertThat(e.get("data-kind")).isEqualTo("other"));
        assertThat(folds.stream().mapToInt(e -> Integer.parseInt(e.get("data-count"))).sum()).isEqualTo(n - 1500);
        List<List<String>> listed = mappings(r.json(), "mappings");
        assertThat(listed).hasSize(n);
        assertThat(drawnMappings(drawn.stream().filter(e -> !Dom.hasClass(e, "fold")).toList())).isSubsetOf(listed);
        assertThat(r.dom().html()).contains("the 3,500 smallest folded into");
    }

    /** This machine's every process: the icicle's cells are the JSON's PSS by process and kind. */
    @Test
    void topOfThisMachine() throws Exception {
        Report r = open("top", "", "top", "--format", "html");
        Map<String, JsonNode> byPid = new HashMap<>();
        for (JsonNode p : r.json().get("processes")) {
            byPid.put(p.get("pid").asText(), p);
        }
        int drawnProcesses = 0;
        int folded = 0;
        for (Map<String, String> cell : r.dom().elements("rect", "data-object", "data-bytes")) {
            if (!cell.get("id").startsWith("icicle-n")) {
                continue;
            }
            String key = cell.get("data-object");
            if (key.startsWith("other (")) {
                if (!cell.containsKey("data-kind")) {
                    folded = Integer.parseInt(key.substring(7, key.length() - 1));
                }
                continue;
            }
            JsonNode p = byPid.get(key);
            assertThat(p).as("process %s is in the JSON", key).isNotNull();
            if (cell.containsKey("data-kind")) {
                assertThat(cell.get("data-bytes")).isEqualTo(p.at("/byKind/" + cell.get("data-kind") + "/pssBytes").asText());
            } else {
                long sum = 0;
                for (JsonNode k : p.get("byKind")) {
                    sum += k.path("pssBytes").asLong();
                }
                assertThat(cell.get("data-bytes")).isEqualTo(Long.toString(sum));
                drawnProcesses++;
            }
        }
        long withPss = 0;
        for (JsonNode p : r.json().get("processes")) {
            long sum = 0;
            for (JsonNode k : p.get("byKind")) {
                sum += k.path("pssBytes").asLong();
            }
            withPss += sum > 0 ? 1 : 0;
        }
        assertThat(drawnProcesses + folded).isEqualTo(withPss);
        assertThat(drawnProcesses).isPositive().isLessThanOrEqualTo(150);
        assertThat(r.drawn("rect", "kb")).extracting(e -> e.get("data-bytes"))
                .allSatisfy(b -> assertThat(Long.parseLong(b)).isPositive());
        System.out.printf("top: %d processes, page %d bytes, drawn in %s ms (%s ms after the load began)%n",
                r.json().at("/totals/processes").asInt(), r.html().getBytes(StandardCharsets.UTF_8).length,
                r.dom().root().get("data-render-ms"), r.dom().root().get("data-load-ms"));
    }
}
