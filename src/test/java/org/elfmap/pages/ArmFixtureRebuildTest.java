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
 * says they are. Other versions of the tools may lay out the same code differently: the test
 * runs only with the versions that made the fixtures (fixtures/arm64/tool-versions.txt) and
 * skips, saying which tool differs, with others.
 */
class ArmFixtureRebuildTest {
    static final Path COMMITTED = Path.of("src/test/resources/fixtures");
    static final Path VERSIONS = Path.of("fixtures/arm64/tool-versions.txt");

    @Test
    void theScriptRebuildsEveryFixtureByteForByte(@TempDir Path tmp) throws Exception {
        for (String line : Files.readAllLines(VERSIONS)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String tool = line.substring(0, line.indexOf(':'));
            String made = line.substring(line.indexOf(':') + 1).strip();
            String here = Tools.output(tool, "--version").flatMap(v -> v.lines().findFirst()).orElse("").strip();
            assumeTrue(!here.isEmpty(), tool + " is not installed (CI installs it: .ci/run)");
            assumeTrue(here.startsWith(made), tool + " here is '" + here + "', the fixtures were made with '" + made
                    + "' (fixtures/arm64/tool-versions.txt): other versions may lay out the same code differently");
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
