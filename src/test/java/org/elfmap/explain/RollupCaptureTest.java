package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.cli.CliRun;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.ProcFigures;
import org.elfmap.testkit.ReportPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} of a saved {@code smaps_rollup}: the kernel's whole-process totals (its
 * {@code show_smaps_rollup}, fs/proc/task_mmu.c) with no entries, so RSS and PSS are the
 * kernel's and VSZ is not known: said as unknown in text, {@code null} in JSON and on the HTML
 * page, and no folded line, never a VSZ of 0. The capture is a stopped fixture process's own.
 */
class RollupCaptureTest {
    @TempDir
    Path tmp;

    @Test
    void vszIsUnknownNotZeroInEveryFormat() throws Exception {
        try (FixtureProcess p = FixtureProcess.of("waiter-glibc")) {
            Path capture = tmp.resolve("smaps_rollup");
            Files.copy(Path.of("/proc", Integer.toString(p.pid()), "smaps_rollup"), capture);
            long rss = ProcFigures.bytes(p.pid(), "smaps_rollup", "Rss");
            long pss = ProcFigures.bytes(p.pid(), "smaps_rollup", "Pss");

            CliRun text = CliRun.of("explain", capture.toString());
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out().lines().findFirst().orElseThrow()).isEqualTo(capture + " (linux-smaps-rollup): VSZ"
                    + " unknown (smaps_rollup has no entries), RSS " + rss / 1024 + " KiB, PSS " + pss / 1024 + " KiB");

            CliRun json = CliRun.of("explain", "--json", capture.toString());
            assertThat(json.exit()).as(json.err()).isZero();
            JsonNode totals = new ObjectMapper().readTree(json.out()).path("totals");
            assertThat(totals.has("vszBytes")).isTrue();
            assertThat(totals.get("vszBytes").isNull()).as(json.out()).isTrue();
            assertThat(totals.path("rssBytes").asLong()).isEqualTo(rss);
            assertThat(totals.path("pssBytes").asLong()).isEqualTo(pss);

            CliRun html = CliRun.of("explain", "--format", "html", capture.toString());
            assertThat(html.exit()).as(html.err()).isZero();
            assertThat(new ObjectMapper().readTree(ReportPages.embeddedJson(html.out())).path("totals")
                    .get("vszBytes").isNull()).isTrue();

            CliRun folded = CliRun.of("explain", "--format", "folded", capture.toString());
            assertThat(folded.exit()).as(folded.err()).isZero();
            assertThat(folded.out()).as("no entries, so no stack to weigh").isEmpty();
        }
    }
}
