package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elfmap.cli.CliRun;
import org.elfmap.space.Kind;
import org.elfmap.space.KindTotal;
import org.elfmap.space.Usage;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.LiveProcess;
import org.elfmap.testkit.ProcFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code top} over the real processes of this machine: a stopped child (its own memory cannot
 * change between our reads) appears with the VmSize and Rss the kernel gives, and totals per
 * kind that add up to its smaps_rollup as the kernel rounds smaps; processes that come and go during a scan are counted, never a crash.
 */
class SystemScanTest {
    @TempDir
    Path tmp;

    @Test
    void aStoppedProcessShowsTheKernelsOwnFigures() throws Exception {
        try (LiveProcess sleep = LiveProcess.startUntil(List.of("sleep", "300"), Map.of(),
                p -> !p.maps().isEmpty() && p.maps().stream().anyMatch(e -> e.path().contains("libc.so")), tmp)) {
            long pid = sleep.pid();
            new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
            SystemImage image = SystemScan.scan(ExplainOptions.defaults().withPredictions(true));
            ProcessSummary p = image.processes().stream().filter(x -> x.pid() == pid).findFirst().orElseThrow();
            assertThat(p.command()).isEqualTo("sleep");
            assertThat(p.vszBytes()).isEqualTo(ProcFigures.bytes(pid, "status", "VmSize"));
            assertThat(p.usage().rssBytes()).isEqualTo(ProcFigures.bytes(pid, "smaps_rollup", "Rss"));
            // its totals are smaps_rollup's; its kinds sum its smaps entries, read in the same scan
            Usage entries = p.byKind().values().stream().map(KindTotal::usage).reduce(Usage.ZERO, Usage::plus);
            ProcFigures.assertEntriesAddUpToRollup(p.usage(), entries, ProcFigures.mappings(pid));
            assertThat(p.elfObjects()).isGreaterThanOrEqualTo(3); // sleep, libc, ld.so
            assertThat(p.mismatches()).isZero();
            assertThat(p.byKind()).containsKeys(Kind.TEXT, Kind.DATA, Kind.STACK);

            // libc is one shared file, summed over every process that maps it
            SharedObjectCost libc = image.objects().stream().filter(o -> o.path().endsWith("/libc.so.6")).findFirst()
                    .orElseThrow();
            assertThat(libc.processes()).isGreaterThanOrEqualTo(2);
            assertThat(libc.byKind()).containsKey(Kind.TEXT);
            assertThat(image.skipped().kernelThreads()).isGreaterThan(0);
            assertThat(image.processes()).extracting(ProcessSummary::pid).isSorted();
        }
    }

    /**
     * elfmap's own JVM changes while its smaps is read (its kinds would then disagree with its
     * smaps_rollup totals), so top leaves it out and says so: in JSON {@code skipped.self}, in
     * text "elfmap itself". The process left out is the one named as self, here a real child.
     */
    @Test
    void elfmapsOwnProcessIsSkippedAndSaidToBe() throws Exception {
        long self = ProcessHandle.current().pid();
        CliRun json = CliRun.of("top", "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.path("skipped").path("self").asInt()).isEqualTo(1);
        for (JsonNode p : root.path("processes")) {
            assertThat(p.path("pid").asLong()).isNotEqualTo(self);
        }
        CliRun text = CliRun.of("top", "--limit", "1");
        assertThat(text.out()).contains("elfmap itself");

        try (LiveProcess sleep = LiveProcess.startUntil(List.of("sleep", "300"), Map.of(),
                p -> !p.maps().isEmpty(), tmp)) {
            SystemImage image = SystemScan.scan(ExplainOptions.defaults().withPredictions(false), sleep.pid());
            assertThat(image.skipped().self()).isEqualTo(1);
            assertThat(image.processes()).extracting(ProcessSummary::pid).doesNotContain((int) sleep.pid())
                    .contains((int) self);
        }
    }

    /**
     * {@code top --check} says which process and object made it exit 1: fixtures/src/protectdata.c
     * mprotects one page of its own .data read-only, so the kernel's map of it (read here from
     * /proc/PID/maps) has an r-- piece inside rw- data that no loader maps. The text names the
     * PID, command and path with the first difference; the JSON lists the object's differences,
     * among them that r-- piece at the addresses /proc/PID/maps gives (relative to the load base).
     */
    @Test
    void checkNamesTheObjectsThatDifferFromTheirPrediction() throws Exception {
        try (FixtureProcess p = FixtureProcess.of("protectdata")) {
            String path = FixtureProcess.BIN.resolve("protectdata").toAbsolutePath().toRealPath().toString();
            List<String[]> own = Files.readAllLines(Path.of("/proc", Integer.toString(p.pid()), "maps")).stream()
                    .map(l -> l.split("\\s+", 6)).filter(f -> f.length == 6 && f[5].equals(path)).toList();
            long base = Long.parseUnsignedLong(own.get(0)[0].split("-")[0], 16);
            String[] protectedPage = null;
            for (int i = 1; i < own.size(); i++) {
                if (own.get(i - 1)[1].startsWith("rw-") && own.get(i)[1].startsWith("r--")) {
                    protectedPage = own.get(i);
                }
            }
            assertThat(protectedPage).as("an r-- page after rw- data in %s", own).isNotNull();
            String[] range = protectedPage[0].split("-");
            String unexpected = String.format("unexpected 0x%x-0x%x r-- offset 0x%x",
                    Long.parseUnsignedLong(range[0], 16) - base, Long.parseUnsignedLong(range[1], 16) - base,
                    Long.parseLong(protectedPage[2], 16));

            CliRun text = CliRun.of("top", "--check", "--limit", "1");
            assertThat(text.exit()).as(text.err()).isEqualTo(1);
            String line = text.out().lines().filter(l -> l.startsWith("  " + p.pid() + " ")).findFirst().orElseThrow();
            assertThat(line).startsWith("  " + p.pid() + " protectdata " + path + ", against the ")
                    .contains("expected 0x").contains("observed");
            assertThat(text.out()).contains("Objects whose mappings differ from their prediction");

            CliRun json = CliRun.of("top", "--check", "--json");
            assertThat(json.exit()).as(json.err()).isEqualTo(1);
            JsonNode proc = null;
            for (JsonNode x : new ObjectMapper().readTree(json.out()).path("processes")) {
                if (x.path("pid").asInt() == p.pid()) {
                    proc = x;
                }
            }
            assertThat(proc).isNotNull();
            assertThat(proc.path("mismatches").asInt()).isEqualTo(proc.path("mismatched").size()).isPositive();
            JsonNode object = proc.path("mismatched").get(0);
            assertThat(object.path("path").asText()).isEqualTo(path);
            List<String> differences = new ArrayList<>();
            object.path("differences").forEach(d -> differences.add(d.asText()));
            assertThat(differences).contains(unexpected);
        }
    }

    @Test
    void processesExitingDuringTheScanAreCountedNotFatal() throws Exception {
        List<Process> churn = new ArrayList<>();
        Thread spawner = new Thread(() -> {
            for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    churn.add(new ProcessBuilder("true").start());
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        spawner.start();
        int scans = 0;
        int failed = 0;
        try {
            while (spawner.isAlive() || scans < 3) {
                SystemImage image = SystemScan.scan(ExplainOptions.defaults().withPredictions(false));
                failed += image.skipped().failed();
                assertThat(image.processes()).isNotEmpty();
                scans++;
            }
        } finally {
            spawner.interrupt();
            spawner.join();
            for (Process p : churn) {
                p.waitFor();
            }
        }
        assertThat(failed).as("processes that vanish are 'exited', not failures").isZero();
    }

    @Test
    void cliTableAndJson() throws Exception {
        CliRun table = CliRun.of("top", "--limit", "3");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("By kind, all processes").contains("Processes (3 of ")
                .contains("Files that cost most").contains("kernel threads");
        CliRun json = CliRun.of("top", "--json", "--sort", "vsz");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.path("totals").path("processes").asInt()).isPositive();
        assertThat(root.path("totals").path("vszBytes").asLong()).isPositive();
        assertThat(root.path("byKind").has("text")).isTrue();
        assertThat(root.path("skipped").has("exited")).isTrue();
        JsonNode first = root.path("processes").get(0);
        assertThat(first.has("pid") && first.has("command") && first.has("vszBytes") && first.has("byKind")).isTrue();
        long previous = Long.MAX_VALUE;
        for (JsonNode p : root.path("processes")) {
            assertThat(p.path("vszBytes").asLong()).isLessThanOrEqualTo(previous);
            previous = p.path("vszBytes").asLong();
        }
        JsonNode libc = null;
        for (JsonNode o : root.path("objects")) {
            if (o.path("path").asText().endsWith("/libc.so.6")) {
                libc = o;
            }
        }
        assertThat(libc).isNotNull();
        assertThat(libc.path("identity").asText()).contains(":");
        assertThat(libc.path("processes").asInt()).isPositive();
        CliRun bad = CliRun.of("top", "--sort", "size");
        bad.failsWith("--sort", "one of pss, rss, vsz").oneErrorLine();
    }
}
