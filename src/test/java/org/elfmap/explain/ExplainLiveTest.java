package org.elfmap.explain;

import org.elfmap.space.ObjectImage;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Prediction;
import org.elfmap.space.RawPath;
import org.elfmap.space.Usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.elfmap.cli.CliRun;
import org.elfmap.space.Kind;
import org.elfmap.maps.LiveProcess;
import org.elfmap.testkit.ProcFigures;
import org.elfmap.testkit.FixtureProcess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} on real processes: the fixture programs (glibc, musl, static-pie, lld, and a
 * library linked with a 2 MiB max-page-size dlopen'ed), each stopped while it is read, give
 * every ELF object the verdict {@code match}, VmSize and Rss equal to the kernel's own, smaps
 * entries that add up to smaps_rollup as the kernel rounds them, and the 2 MiB library's gap. And {@code explain --strict} over every process of
 * this machine finds no mismatch.
 */
class ExplainLiveTest {
    @TestFactory
    Stream<DynamicTest> everyElfObjectOfAFixtureProcessMatches() {
        String[][] runs = {
            {"waiter-glibc", "libfix-glibc.so"}, {"waiter-glibc", "libbig2m-glibc.so"},
            {"waiter-glibc", "libnosep-glibc.so"}, {"waiter-static-pie"}, {"waiter-lld", "libfix-lld.so"},
            {"waiter-musl", "libbig2m-musl.so"}, {"waiter-musl-static"}};
        return Stream.of(runs).map(r -> DynamicTest.dynamicTest(String.join(" ", r), () -> {
            String[] libs = java.util.Arrays.copyOfRange(r, 1, r.length);
            try (FixtureProcess run = FixtureProcess.of(r[0], libs)) {
                AddressImage image = Explainer.explain(new Source.Pid(run.pid()));
                assertThat(image.vszBytes()).as("VmSize").isEqualTo(ProcFigures.bytes(run.pid(), "status", "VmSize"));
                assertThat(image.usage().rssBytes()).as("Rss")
                        .isEqualTo(ProcFigures.bytes(run.pid(), "smaps_rollup", "Rss"));
                // the objects hold the smaps entries; the totals are smaps_rollup's, read with them
                Usage entries = image.objects().stream().map(ObjectImage::usage).reduce(Usage.ZERO, Usage::plus);
                ProcFigures.assertEntriesAddUpToRollup(image.usage(), entries, ProcFigures.mappings(run.pid()));
                long shortBy = image.usage().pssBytes() - entries.pssBytes();
                assertThat(image.notes().stream().filter(n -> n instanceof ExplainNote.RollupTotals)
                        .map(n -> ((ExplainNote.RollupTotals) n).pssShortBytes()).toList())
                        .as("the note says how far the entries fall short")
                        .isEqualTo(shortBy == 0 ? List.of() : List.of(shortBy));
                List<ObjectImage> elf = image.objects().stream().filter(o -> o.prediction().isPresent()).toList();
                assertThat(elf).as("ELF objects").hasSizeGreaterThanOrEqualTo(1);
                for (ObjectImage o : elf) {
                    assertThat(o.prediction().get().status()).as("%s: %s", o.path(), o.prediction().get())
                            .isEqualTo(Prediction.Status.MATCH);
                }
                assertThat(elf).anyMatch(o -> o.path().endsWith(r[0]));
                for (String lib : libs) {
                    assertThat(elf).as(lib).anyMatch(o -> o.path().endsWith(lib));
                }
                if (libs.length > 0 && libs[0].startsWith("libbig2m")) {
                    ObjectImage big = elf.stream().filter(o -> o.path().endsWith(libs[0])).findFirst().orElseThrow();
                    // text is one page, data at 2 MiB: nearly all of the 2 MiB in between is gap
                    assertThat(big.byKind().get(Kind.GAP).vszBytes()).isGreaterThan(0x1f0000L);
                }
            }
        }));
    }

    @Test
    void jsonOfALiveProcessFollowsTheContract() throws Exception {
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", "libbig2m-glibc.so")) {
            CliRun r = CliRun.of("explain", "--json", Integer.toString(run.pid()));
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode root = new ObjectMapper().readTree(r.out());
            assertThat(root.path("source").asText()).isEqualTo("pid " + run.pid());
            assertThat(root.path("format").asText()).isEqualTo("linux-smaps");
            assertThat(root.path("totals").path("vszBytes").asLong())
                    .isEqualTo(ProcFigures.bytes(run.pid(), "status", "VmSize"));
            assertThat(root.path("byKind").path("gap").path("vszBytes").asLong()).isPositive();
            JsonNode lib = null;
            for (JsonNode o : root.path("objects")) {
                if (o.path("path").asText().endsWith("libbig2m-glibc.so")) {
                    lib = o;
                }
            }
            assertThat(lib).isNotNull();
            assertThat(lib.path("base").asText()).startsWith("0x");
            assertThat(lib.path("prediction").asText()).isEqualTo("match");
            JsonNode m = lib.path("mappings").get(0);
            for (String f : List.of("start", "end", "prot", "fileOffset", "kind", "segment", "vszBytes", "rssBytes")) {
                assertThat(m.has(f)).as("mapping field %s in %s", f, m).isTrue();
            }
            assertThat(m.path("start").asText()).matches("0x[0-9a-f]+");
        }
    }

    @Test
    void strictOverEveryProcessOfThisMachineFindsNoMismatch() {
        LiveProcess proc = LiveProcess.system();
        ExplainOptions options = ExplainOptions.defaults();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (int pid : proc.pids()) {
            AddressImage image;
            try {
                image = Explainer.explain(new Source.Pid(pid), options);
            } catch (org.elfmap.BadInputException goneOrKernelThreadOrDenied) {
                continue;
            }
            for (ObjectImage o : image.objects()) {
                if (o.prediction().isPresent()) {
                    checked++;
                    if (o.prediction().get().status() == Prediction.Status.MISMATCH) {
                        mismatches.add("pid " + pid + " " + o.path() + ": " + o.prediction().get().differences());
                    }
                }
            }
        }
        assertThat(checked).as("ELF objects checked").isPositive();
        assertThat(mismatches).isEmpty();
        CliRun self = CliRun.of("explain", "--strict", Long.toString(ProcessHandle.current().pid()));
        assertThat(self.exit()).as(self.err()).isZero();
    }

    /**
     * A process in another root or mount namespace. The map's names are the kernel's {@code d_path},
     * relative to the reader's root while the file is reachable from it: a {@code chroot}ed process
     * names its files by this machine's paths, read as written; a file of a mount in another
     * namespace (a tmpfs mounted over an empty directory there) is named from that namespace's
     * root, and is found under {@code /proc/PID/root}. Every ELF object matches its prediction,
     * the first time (by path) and the second (known by {@code dev:inode}).
     */
    @Test
    void aChrootedProcessNamesThisMachinesPaths(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        copyInto(root, FixtureProcess.BIN.resolve("waiter-glibc"), "/bin/waiter");
        for (String lib : List.of("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6")) {
            org.elfmap.testkit.HostFiles.require(lib);
            copyInto(root, Path.of(lib).toRealPath(), lib);
        }
        readTwiceInOtherRoot(List.of("chroot", root.toString(), "/bin/waiter"), root.resolve("bin/waiter").toString());
    }

    @Test
    void aProcessInAnotherMountNamespaceIsReadThroughItsRoot(@TempDir Path dir) throws Exception {
        Path over = Files.createDirectories(dir.resolve("over"));
        String waiter = over.resolve("waiter").toString();
        String script = "mount -t tmpfs none \"$0\" && cp \"$1\" \"$0/waiter\" && exec \"$0/waiter\"";
        readTwiceInOtherRoot(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", script, over.toString(),
                FixtureProcess.BIN.resolve("waiter-glibc").toAbsolutePath().toString()), waiter);
        assertThat(over.resolve("waiter")).as("only in the other namespace").doesNotExist();
    }

    private static void readTwiceInOtherRoot(List<String> command, String program) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (line == null || !line.trim().matches("\\d+")) {
            p.destroyForcibly();
            org.junit.jupiter.api.Assumptions.abort(command.get(0) + " is not permitted here (not root)");
        }
        try {
            int pid = Integer.parseInt(line.trim());
            ExplainOptions options = ExplainOptions.defaults().withFiles(new FileCache(org.elfmap.space.PageSize.P4K));
            for (int time = 0; time < 2; time++) {
                AddressImage image = Explainer.explain(new Source.Pid(pid), options);
                List<ObjectImage> elf = image.objects().stream().filter(o -> o.prediction().isPresent()).toList();
                assertThat(elf).extracting(ObjectImage::path).contains(program);
                assertThat(elf).allSatisfy(o -> assertThat(o.prediction().get().status()).as(o.path())
                        .isEqualTo(Prediction.Status.MATCH));
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private static void copyInto(Path root, Path from, String as) throws java.io.IOException {
        Path to = root.resolve(as.substring(1));
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }

    /**
     * A library whose name is not UTF-8 ({@code \xff\xfe}): procfs gives its bytes, elfmap opens the
     * file with those bytes (it used to decode them to U+FFFD and find "no such file"), predicts it
     * (match), and shows the bytes as {@code \xff\xfe} in text and JSON.
     */
    @Test
    void aLibraryWhoseNameIsNotUtf8IsFoundByItsBytesAndShownEscaped(@TempDir Path dir) throws Exception {
        byte[] prefix = dir.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] name = java.util.Arrays.copyOf(prefix, prefix.length + 13);
        System.arraycopy(new byte[] {'/', 'l', 'i', 'b', 'x', (byte) 0xff, (byte) 0xfe, 'y', '.', 's', 'o', '.', '1'},
                0, name, prefix.length, 13);
        Path odd = RawPath.of(name, 0, name.length).toPath(java.util.Optional.empty());
        Files.copy(FixtureProcess.BIN.resolve("libfix-glibc.so"), odd);
        // the waiter is given a plain name; the kernel names the mapping by the file's own name
        Path link = Files.createSymbolicLink(dir.resolve("libfix-link.so"), odd);
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", link.toString())) {
            AddressImage image = Explainer.explain(new Source.Pid(run.pid()));
            ObjectImage lib = image.objects().stream().filter(o -> o.path().endsWith("/libx\\xff\\xfey.so.1"))
                    .findFirst().orElseThrow(() -> new AssertionError("no object named libx\\xff\\xfey.so.1"));
            assertThat(lib.prediction().orElseThrow().status()).as("%s", lib.prediction())
                    .isEqualTo(Prediction.Status.MATCH);
            CliRun text = CliRun.of("explain", Integer.toString(run.pid()));
            assertThat(text.out()).contains("libx\\xff\\xfey.so.1").doesNotContain("\ufffd");
            JsonNode json = new ObjectMapper().readTree(CliRun.of("explain", "--json", Integer.toString(run.pid())).out());
            assertThat(json.toString()).contains("libx\\\\xff\\\\xfey.so.1");
        }
    }

    @Test
    void pidErrorsAreOneLine() {
        CliRun.of("explain", "999999999").failsWith("pid 999999999", "no such process").oneErrorLine();
        CliRun.of("explain", "0").failsWith("not a process id").oneErrorLine();
        // a kernel thread (kthreadd is PID 2 on Linux) has no address space
        CliRun.of("explain", "2").failsWith("pid 2", "no address space").oneErrorLine();
    }

    /**
     * --strict exits 1 on a mismatch: the live process's own maps, with the library's RELRO
     * mapping left writable (as a loader that ignores PT_GNU_RELRO would), read from a file. The
     * files are the real ones, so the prediction is checked, and fails.
     */
    @Test
    void strictExitsOneWhenAnObjectDiffersFromItsPrediction() throws Exception {
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", "libfix-glibc.so")) {
            List<String> doctored = run.mapsWithLibraryRelroWritable("libfix-glibc.so");
            Path capture = Files.createTempFile("doctored", ".maps");
            try {
                Files.write(capture, doctored);
                CliRun strict = CliRun.of("explain", "--strict", capture.toString());
                assertThat(strict.exit()).as(strict.err()).isEqualTo(1);
                assertThat(strict.out()).contains("mismatch");
                CliRun lenient = CliRun.of("explain", capture.toString());
                assertThat(lenient.exit()).isZero();
            } finally {
                Files.delete(capture);
            }
        }
    }

    /** A process this user may not read: PID 1 is such a process in some sandboxes, even for root. */
    @Test
    void aProcessThatCannotBeReadIsOneLine() {
        CliRun r = CliRun.of("explain", "1");
        if (r.exit() != 0) {
            r.failsWith("pid 1").oneErrorLine();
        }
    }
}
