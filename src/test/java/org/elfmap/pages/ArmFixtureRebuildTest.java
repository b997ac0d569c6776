package org.elfmap.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fixtures/arm64/build.sh rebuilt into a temporary directory wherever its tools are installed:
 * every committed check-pages fixture (the linker matrix, the crafted cases, the archives, the
 * Android world) comes out byte for byte the same, so the committed files are what the script
 * says they are.
 */
class ArmFixtureRebuildTest {
    static final Path COMMITTED = Path.of("src/test/resources/fixtures");

    @Test
    void theScriptRebuildsEveryFixtureByteForByte(@TempDir Path tmp) throws Exception {
        for (String tool : List.of("clang", "ld.lld", "aarch64-linux-gnu-ld", "aarch64-linux-gnu-strip", "python3")) {
            assumeTrue(Tools.has(tool, "--version"), tool + " is not installed (CI installs it: .ci/run)");
        }
        Process p = new ProcessBuilder("bash", "fixtures/arm64/build.sh", tmp.resolve("arm64").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("build.log").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("build.log"))).isZero();
        for (String dir : List.of("arm64", "android")) {
            try (Stream<Path> files = Files.walk(COMMITTED.resolve(dir))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path rebuilt = tmp.resolve(dir).resolve(COMMITTED.resolve(dir).relativize(f));
                    assertThat(rebuilt).as("rebuilt " + f).exists();
                    assertThat(Files.mismatch(f, rebuilt)).as(f.toString()).isEqualTo(-1L);
                }
            }
        }
    }
}
