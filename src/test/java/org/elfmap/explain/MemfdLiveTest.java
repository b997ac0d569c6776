package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Kind;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ELF files mapped from files whose name leads nowhere: a memfd copy of a library dlopen'ed as
 * {@code /proc/self/fd/N}, a program fexecve'd from a memfd, a library deleted after dlopen. A
 * live process's {@code /proc/PID/map_files} opens the mapped file itself (root here, or
 * CAP_CHECKPOINT_RESTORE: fs/proc/base.c {@code proc_map_files_get_link}), so each gets a real
 * prediction; a capture of the same process has no map_files, and the memfd's private entries are
 * classified by shape, as a deleted file's are. Expected: the verdicts of the models that match
 * every fixture (ExplainLiveTest), the entries as /proc/PID/maps lists them.
 */
class MemfdLiveTest {
    private static final Path LIB = FixtureProcess.BIN.resolve("libfix-glibc.so").toAbsolutePath();

    @Test
    void aLibraryDlopenedFromAMemfdIsPredictedLiveAndReadByShapeInACapture(@TempDir Path dir) throws Exception {
        Path loader = build(dir);
        try (FixtureProcess run = FixtureProcess.run(List.of(loader.toString(), LIB.toString()))) {
            assumeMapFilesOpen(run.pid());
            AddressImage image = Explainer.explain(new Source.Pid(run.pid()));
            ObjectImage memfd = memfd(image);
            assertThat(memfd.prediction().orElseThrow().status()).as("%s", memfd.prediction())
                    .isEqualTo(Prediction.Status.MATCH);
            assertThat(image.notes()).contains(
                    new ExplainNote.ReadThroughMapFiles(memfd.path(), Prediction.FileProblem.MEMFD));

            Path capture = dir.resolve("memfd.smaps");
            Files.write(capture, Files.readAllLines(Path.of("/proc", Integer.toString(run.pid()), "smaps")));
            ObjectImage byShape = memfd(Explainer.explain(new Source.Capture(capture)));
            assertThat(byShape.prediction().orElseThrow().reason().orElseThrow())
                    .isInstanceOfSatisfying(Prediction.Unavailable.FileUnusable.class,
                            f -> assertThat(f.problem()).isEqualTo(Prediction.FileProblem.MEMFD));
            assertThat(byShape.byKind()).containsKeys(Kind.TEXT, Kind.DATA).doesNotContainKey(Kind.SHM);
            assertThat(byShape.byKind().get(Kind.TEXT).vszBytes()).isEqualTo(memfd.byKind().get(Kind.TEXT).vszBytes());
        }
    }

    @Test
    void aProgramExecutedFromAMemfdIsPredicted(@TempDir Path dir) throws Exception {
        Path loader = build(dir);
        Path waiter = FixtureProcess.BIN.resolve("waiter-glibc").toAbsolutePath();
        try (FixtureProcess run = FixtureProcess.run(List.of(loader.toString(), waiter.toString(), "exec"))) {
            assumeMapFilesOpen(run.pid());
            ObjectImage memfd = memfd(Explainer.explain(new Source.Pid(run.pid())));
            assertThat(memfd.prediction().orElseThrow().status()).as("%s", memfd.prediction())
                    .isEqualTo(Prediction.Status.MATCH);
        }
    }

    @Test
    void aLibraryDeletedAfterLoadingIsPredictedThroughMapFiles(@TempDir Path dir) throws Exception {
        Path lib = Files.copy(LIB, dir.resolve("libgone.so"));
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", lib.toString())) {
            Files.delete(lib);
            assumeMapFilesOpen(run.pid());
            AddressImage image = Explainer.explain(new Source.Pid(run.pid()));
            ObjectImage gone = image.objects().stream().filter(o -> o.path().equals(lib + " (deleted)"))
                    .findFirst().orElseThrow();
            assertThat(gone.prediction().orElseThrow().status()).isEqualTo(Prediction.Status.MATCH);
            assertThat(image.notes())
                    .contains(new ExplainNote.ReadThroughMapFiles(gone.path(), Prediction.FileProblem.DELETED));
        }
    }

    private static ObjectImage memfd(AddressImage image) {
        return image.objects().stream().filter(o -> o.path().startsWith("/memfd:elfmap-memfd")).findFirst()
                .orElseThrow(() -> new AssertionError("no memfd object"));
    }

    /** map_files opens only for CAP_SYS_ADMIN/CAP_CHECKPOINT_RESTORE: without them the test has nothing to show. */
    private static void assumeMapFilesOpen(int pid) {
        Path dir = Path.of("/proc", Integer.toString(pid), "map_files");
        boolean open;
        try (var s = Files.list(dir)) {
            Path any = s.findFirst().orElseThrow();
            try (var in = Files.newInputStream(any)) {
                open = true;
            }
        } catch (java.io.IOException | RuntimeException e) {
            open = false;
        }
        Assumptions.assumeTrue(open, "/proc/PID/map_files cannot be opened here (needs CAP_SYS_ADMIN)");
    }

    private static Path build(Path dir) throws Exception {
        Assumptions.assumeTrue(Tools.has("gcc", "--version"), "gcc is not installed: the memfd loader is built live");
        Path out = dir.resolve("memfd-loader");
        Process cc = new ProcessBuilder("gcc", "-o", out.toString(),
                Path.of("fixtures/src/memfd-loader.c").toAbsolutePath().toString(), "-ldl")
                .redirectErrorStream(true).start();
        String said = new String(cc.getInputStream().readAllBytes());
        assertThat(cc.waitFor()).as(said).isZero();
        return out;
    }
}
