package org.elfmap.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elfmap.cli.CliRun;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.junit.jupiter.api.Test;

/**
 * The 2007 post's question, answered by {@code compare}: the same program and libraries built for
 * i386 (4 KiB max-page-size) and amd64 (1 MiB, fixtures/seed-compare/build.sh) differ by a gap of
 * about 1 MiB in every library; the post's own procfs map lines say 256 pages. And any two sides
 * compare: two processes, a process and its prediction.
 */
class CompareTest {
    static final Path SEED = Path.of("fixtures/seed-compare");
    static final Path MAPS = Path.of("src/test/resources/fixtures/maps");
    static final Path BIN = Path.of("src/test/resources/fixtures/bin");

    static Comparison compare(String a, String b) {
        Operand.Options o = new Operand.Options(java.util.Optional.empty(), PageSize.P4K, java.util.Optional.empty(),
                LoaderEnvironment.EMPTY, ExplainOptions.defaults());
        return Comparer.compare(Operand.load(a, o), Operand.load(b, o));
    }

    static ObjectDelta object(Comparison c, String name) {
        return c.objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void amd64sExcessIsTheGapAboutOneMegabytePerLibrary() {
        Comparison c = compare(SEED.resolve("i386/app").toString(), SEED.resolve("amd64/app").toString());
        assertThat(c.elfOnly()).isFalse();
        for (String lib : List.of("libseeda.so", "libseedb.so", "libseedc.so")) {
            ObjectDelta d = object(c, lib);
            assertThat(d.only()).isEmpty();
            assertThat(d.delta(Kind.GAP)).as(lib).isBetween(1016 * 1024L, 1024 * 1024L);
            assertThat(d.a()).doesNotContainKey(Kind.GAP);
        }
        // libc and the dynamic linker line up across architectures
        assertThat(object(c, "libc.so.6").only()).isEmpty();
        assertThat(c.objects()).anyMatch(o -> o.name().equals("ld-linux.so.2 | ld-linux-x86-64.so.2"));
        Comparison.KindShare first = c.shares().get(0);
        assertThat(first.kind()).isEqualTo(Kind.GAP);
        assertThat(first.objects()).containsExactlyInAnyOrder("libseeda.so", "libseedb.so", "libseedc.so");
        assertThat(first.share()).isGreaterThan(0.9);
    }

    @Test
    void theSeedsOwnMapLinesDifferBy256GapPages() {
        Comparison c = compare(MAPS.resolve("freebsd-i386-seed.map").toString(),
                MAPS.resolve("freebsd-amd64-seed.map").toString());
        assertThat(c.byKind(false).get(Kind.GAP)).containsExactly(0L, 256 * 4096L);
        assertThat(c.shares().get(0).kind()).isEqualTo(Kind.GAP);
    }

    @Test
    void twoRunsOfOneProgramHaveTheSameElfObjects() throws Exception {
        Process p1 = start();
        Process p2 = start();
        try {
            Comparison c = compare(pid(p1), pid(p2));
            for (ObjectDelta o : c.objects()) {
                if (o.elf()) {
                    assertThat(o.deltaBytes()).as(o.name()).isZero();
                }
            }
            assertThat(c.objects()).anyMatch(o -> o.name().equals("libfix-glibc.so") && o.only().isEmpty());
        } finally {
            stop(p1);
            stop(p2);
        }
    }

    @Test
    void aProcessAgainstItsOwnPrediction() throws Exception {
        Process p = start();
        try {
            String pid = pid(p);
            Comparison c = compare(BIN.resolve("waiter-glibc").toString(), pid);
            assertThat(c.elfOnly()).isTrue();
            // the dlopen'ed library is not a DT_NEEDED: only the process has it
            assertThat(object(c, "libfix-glibc.so").only()).contains("b");
            for (String name : List.of("waiter-glibc", "libc.so.6")) {
                assertThat(object(c, name).deltaBytes()).as(name).isZero();
            }
            assertThat(c.objects()).anyMatch(o -> o.name().equals("[stack]") && !o.elf());
        } finally {
            stop(p);
        }
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        CliRun r = CliRun.of("compare", "--json", SEED.resolve("i386/app").toString(), SEED.resolve("amd64/app").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.path("a").asText()).startsWith("predicted ");
        assertThat(root.path("totals").path("a").path("vszBytes").asLong()).isPositive();
        assertThat(root.path("totals").path("deltaBytes").asLong())
                .isEqualTo(root.path("totals").path("b").path("vszBytes").asLong()
                        - root.path("totals").path("a").path("vszBytes").asLong());
        assertThat(root.path("byKind").path("gap").path("deltaBytes").asLong()).isGreaterThan(3 * 1016 * 1024L);
        JsonNode lib = null;
        for (JsonNode o : root.path("objects")) {
            if (o.path("name").asText().equals("libseedb.so")) {
                lib = o;
            }
        }
        assertThat(lib).isNotNull();
        assertThat(lib.path("byKind").path("gap").has("aBytes")).isTrue();
        assertThat(lib.path("deltaBytes").asLong()).isEqualTo(lib.path("bBytes").asLong() - lib.path("aBytes").asLong());
        assertThat(root.path("explanation").get(0).asText()).startsWith("B is ");
        assertThat(root.path("differenceByKind").get(0).path("kind").asText()).isEqualTo("gap");
    }

    /**
     * The explanation names, for each kind, the objects whose VSZ of that kind changed, each with
     * its own difference (as the per-object rows of the same JSON give it), largest first in
     * either direction: the seed's text shrinks in libc and grows in the dynamic linker, so the
     * line must say both, never "all in libc.so.6", and never an average per object.
     */
    @Test
    void explanationNamesTheObjectsThatCarryEachKindWithTheirOwnDeltas() throws Exception {
        CliRun r = CliRun.of("compare", "--json", SEED.resolve("i386/app").toString(), SEED.resolve("amd64/app").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> explanation = new java.util.ArrayList<>();
        root.path("explanation").forEach(e -> explanation.add(e.asText()));
        assertThat(String.join("\n", explanation)).doesNotContain("per object");
        int checked = 0;
        for (JsonNode share : root.path("differenceByKind")) {
            String kind = share.path("kind").asText();
            // from the per-object rows: every object whose VSZ of this kind differs
            List<Object[]> changed = new java.util.ArrayList<>();
            for (JsonNode o : root.path("objects")) {
                long d = o.path("byKind").path(kind).path("deltaBytes").asLong();
                if (d != 0) {
                    changed.add(new Object[] {o.path("name").asText(), d});
                }
            }
            changed.sort((x, y) -> Long.compare(Math.abs((long) y[1]), Math.abs((long) x[1])));
            assertThat(changed.stream().mapToLong(x -> (long) x[1]).sum()).isEqualTo(share.path("deltaBytes").asLong());
            assertThat(share.path("byObject")).hasSize(changed.size());
            String line = explanation.stream().filter(e -> e.startsWith(kind + " ")).findFirst().orElse(null);
            if (line == null) {
                continue; // the explanation lists the four largest kinds
            }
            if (changed.size() == 1) {
                assertThat(line).endsWith(", all in " + changed.get(0)[0]);
            } else {
                StringBuilder named = new StringBuilder();
                for (int i = 0; i < Math.min(3, changed.size()); i++) {
                    long d = (long) changed.get(i)[1];
                    named.append(i == 0 ? ": " : ", ").append(changed.get(i)[0]).append(' ')
                            .append(d > 0 ? "+" : "-").append(org.elfmap.output.Sizes.human(Math.abs(d)));
                }
                String more = changed.size() > 3 ? " and " + (changed.size() - 3) + " more" : "";
                assertThat(line).endsWith(named + more);
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    /**
     * musl's dynamic linker is one file under two names: the PT_INTERP {@code /lib/ld-musl-x86_64.so.1}
     * (readelf -l of fixtures/bin/waiter-musl) is a link to musl's {@code libc.so}, which has no
     * soname, and a process's maps name the resolved file. It lines up with its own prediction and
     * with glibc's {@code ld-linux-x86-64.so.2} (the PT_INTERP of waiter-glibc) in another process:
     * one row with both paths, as /proc/PID/maps and the resolved PT_INTERP give them.
     */
    @Test
    void muslsDynamicLinkerLinesUpUnderEitherName() throws Exception {
        Path muslInterp = Path.of("/lib/ld-musl-x86_64.so.1");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(muslInterp),
                "musl is not installed (apt-get install musl): no musl process to compare");
        String muslLinker = muslInterp.toRealPath().toString();
        String glibcLinker = Path.of(interpreter(BIN.resolve("waiter-glibc"))).toRealPath().toString();
        try (org.elfmap.testkit.FixtureProcess musl = org.elfmap.testkit.FixtureProcess.of("waiter-musl");
             org.elfmap.testkit.FixtureProcess glibc = org.elfmap.testkit.FixtureProcess.of("waiter-glibc")) {
            assertThat(mapped(musl.pid())).contains(muslLinker);
            assertThat(mapped(glibc.pid())).contains(glibcLinker);

            Comparison self = compare(BIN.resolve("waiter-musl").toString(), Integer.toString(musl.pid()));
            ObjectDelta linker = self.objects().stream().filter(o -> o.bPath().filter(muslLinker::equals).isPresent())
                    .findFirst().orElseThrow();
            assertThat(linker.only()).as(self.objects().toString()).isEmpty();
            assertThat(linker.aPath().orElseThrow()).endsWith("ld-musl-x86_64.so.1");
            assertThat(linker.deltaBytes()).isZero();

            Comparison two = compare(Integer.toString(musl.pid()), Integer.toString(glibc.pid()));
            ObjectDelta both = two.objects().stream().filter(o -> o.aPath().filter(muslLinker::equals).isPresent())
                    .findFirst().orElseThrow();
            assertThat(both.bPath()).contains(glibcLinker);
            assertThat(two.objects()).noneMatch(o -> o.only().isPresent() && o.elf()
                    && (o.aPath().filter(muslLinker::equals).isPresent() || o.bPath().filter(glibcLinker::equals).isPresent()));
        }
    }

    /** Bionic's libc.so is a library; its dynamic linker is linker64 (AOSP bionic/linker). */
    @Test
    void bionicsLibcIsNotItsDynamicLinker() {
        assertThat(org.elfmap.loader.Flavor.isInterpreterPath("/apex/com.android.runtime/lib64/bionic/libc.so")).isFalse();
        assertThat(org.elfmap.loader.Flavor.isInterpreterPath("/apex/com.android.runtime/bin/linker64")).isTrue();
        assertThat(org.elfmap.loader.Flavor.isInterpreterPath("/usr/lib/x86_64-linux-musl/libc.so")).isTrue();
    }

    /** The PT_INTERP readelf -l prints for a program. */
    static String interpreter(Path program) throws Exception {
        for (String l : org.elfmap.testkit.Tools.lines(20, "readelf", "-lW", program.toString())) {
            int at = l.indexOf("[Requesting program interpreter: ");
            if (at >= 0) {
                return l.substring(at + "[Requesting program interpreter: ".length(), l.lastIndexOf(']'));
            }
        }
        throw new AssertionError("no PT_INTERP in " + program);
    }

    /** The paths a process maps, from /proc/PID/maps. */
    static List<String> mapped(int pid) throws Exception {
        return java.nio.file.Files.readAllLines(Path.of("/proc", Integer.toString(pid), "maps")).stream()
                .map(l -> l.split("\\s+", 6)).filter(f -> f.length == 6).map(f -> f[5]).toList();
    }

    @Test
    void tableAndErrors() {
        CliRun t = CliRun.of("compare", MAPS.resolve("freebsd-i386-seed.map").toString(),
                MAPS.resolve("freebsd-amd64-seed.map").toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("OBJECT").contains("By kind").contains("gap +1.0 MiB");
        CliRun.of("compare", "-", "-").failsWith("only one side can be read from stdin").oneErrorLine();
        CliRun.of("compare", "/no/such/file", "1").failsWith("/no/such/file").oneErrorLine();
        CliRun missing = CliRun.of("compare", "fixtures/deps/bin/app-missing", "fixtures/deps/bin/app-missing");
        assertThat(missing.exit()).as(missing.err() + missing.out()).isEqualTo(1);
        assertThat(missing.out()).contains("not found");
    }

    private static Process start() throws Exception {
        return new ProcessBuilder(BIN.resolve("waiter-glibc").toAbsolutePath().toString(),
                BIN.resolve("libfix-glibc.so").toAbsolutePath().toString()).start();
    }

    private static String pid(Process p) throws Exception {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine().trim();
    }

    private static void stop(Process p) throws Exception {
        p.getOutputStream().close();
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
    }
}
