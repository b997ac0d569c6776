package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elfmap.maps.MapsEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed fixtures let the tests run where no compiler is; where one is, they are built
 * again from source, here, by the committed script into a temporary directory, run, and every
 * captured process's fixture objects checked against their models: a new gcc, binutils or musl
 * that lays files out differently, or a kernel that maps them differently, shows up here.
 */
class FixtureRebuildTest {
    @Test
    void fixturesBuiltNowMatchTheirModelsWhenRun(@TempDir Path out) throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v gcc").start().waitFor() == 0, "no gcc here");
        Process build = new ProcessBuilder("bash", "fixtures/build.sh", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("build.log").toFile()).start();
        assertThat(build.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as(Files.readString(out.resolve("build.log"))).isZero();
        List<Path> captures;
        try (Stream<Path> s = Files.list(out.resolve("maps"))) {
            captures = s.filter(p -> p.toString().endsWith(".maps")).sorted().toList();
        }
        assertThat(captures).as("captures of the programs this machine runs").hasSizeGreaterThanOrEqualTo(5);
        for (Path c : captures) {
            List<MapsEntry> maps = LiveLayoutTest.readMaps(c);
            assertThat(FixtureLayoutTest.checkFixtureObjects(maps, out.resolve("bin"))).as(c.getFileName().toString())
                    .isPositive();
        }
    }
}
