package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.cli.CliRun;
import org.elfmap.elf.Elf;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PIE linked with {@code -z max-page-size=0x200000}, run once by exec (the kernel maps it) and
 * once as {@code ld.so PROGRAM} (glibc's rtld maps it, elf/rtld.c {@code dl_main}): each run's
 * entries, as /proc/PID/maps shows them, match the loader that made them. The kernel leaves the
 * 2 MiB steps unmapped; ld.so reserves them with {@code ---p} file pages, so the two layouts differ
 * and only the right model matches.
 */
class LinkerRunProgramTest {
    @Test
    void aProgramRunThroughItsLinkerIsCheckedAgainstTheLinkerLiveAndInACapture(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Tools.has("gcc", "--version"), "gcc is not installed: the program is built live");
        Path prog = dir.resolve("w2m");
        Process cc = new ProcessBuilder("gcc", "-o", prog.toString(), "-Wl,-z,max-page-size=0x200000",
                Path.of("fixtures/src/waiter.c").toAbsolutePath().toString()).redirectErrorStream(true).start();
        String said = new String(cc.getInputStream().readAllBytes());
        Assumptions.assumeTrue(cc.waitFor() == 0, "gcc could not build a PIE here: " + said);
        String interp = Elf.read(prog).interpreter().orElseThrow();

        try (FixtureProcess execed = FixtureProcess.run(List.of(prog.toString()))) {
            AddressImage image = Explainer.explain(new Source.Pid(execed.pid()));
            assertThat(verdict(image, prog)).isEqualTo(Prediction.Status.MATCH);
            assertThat(image.notes()).noneMatch(n -> n instanceof ExplainNote.ProgramMappedByLinker);
        }
        try (FixtureProcess run = FixtureProcess.run(List.of(interp, prog.toString()))) {
            AddressImage image = Explainer.explain(new Source.Pid(run.pid()));
            assertThat(verdict(image, prog)).isEqualTo(Prediction.Status.MATCH);
            assertThat(image.notes()).contains(new ExplainNote.ProgramMappedByLinker(prog.toString(), "glibc", true));
            assertThat(CliRun.of("explain", "--strict", Integer.toString(run.pid())).exit()).isZero();

            // a capture has no /proc/PID/exe: the kernel's model does not match, the linker's does
            Path capture = dir.resolve("ldso.maps");
            Files.write(capture, Files.readAllLines(Path.of("/proc", Integer.toString(run.pid()), "maps")));
            AddressImage fromCapture = Explainer.explain(new Source.Capture(capture));
            assertThat(verdict(fromCapture, prog)).isEqualTo(Prediction.Status.MATCH);
            assertThat(fromCapture.notes())
                    .contains(new ExplainNote.ProgramMappedByLinker(prog.toString(), "glibc", false));
            CliRun strict = CliRun.of("explain", "--strict", capture.toString());
            assertThat(strict.exit()).as(strict.err()).isZero();
            assertThat(strict.out()).contains("fits the glibc model");
        }
    }

    private static Prediction.Status verdict(AddressImage image, Path prog) {
        ObjectImage o = image.objects().stream().filter(x -> x.path().equals(prog.toString())).findFirst()
                .orElseThrow(() -> new AssertionError(prog + " not among the objects"));
        return o.prediction().orElseThrow().status();
    }
}
