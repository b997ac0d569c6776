package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start-up: the usual commands initialise none of the JDK's costly subsystems that they do not
 * need. In a cold JVM, measured per step (README "Performance"): {@code java.time}'s formatters,
 * which picocli's converter registry initialises (~4 ms); the JDK's line-editor console, which
 * picocli's colour detection loads (~1.5 ms); {@code java.util.Formatter} with its locale data
 * (~5 ms) and {@code BigInteger} (~10 ms), which printf-style text and {@code BigDecimal} rounding
 * cost. Read from the JVM's own log of class initialisation in a child JVM that runs the command.
 */
class StartupClassInitTest {
    private static final Path SEED = Path.of("fixtures/seed-compare/amd64/app");
    private static final List<String> AVOIDED = List.of("java/time/format/DateTimeFormatter",
            "jdk/internal/org/jline/", "java/util/Formatter", "java/math/BigInteger", "java/math/BigDecimal");

    @Test
    void usualCommandsInitialiseNoneOfTheCostlySubsystems() throws Exception {
        String capture = Path.of("src/test/resources/fixtures/maps/glibc-libfix.maps").toString();
        List<String[]> runs = List.of(
                new String[] {"--version"},
                new String[] {"layout", SEED.toString()},
                new String[] {"layout", "--json", SEED.toString()},
                new String[] {"explain", capture},
                new String[] {"explain", "--json", capture});
        for (String[] run : runs) {
            List<String> initialised = initialised(run);
            assertThat(initialised).as("elfmap %s logs its class initialisation", String.join(" ", run))
                    .anyMatch(l -> l.contains("org/elfmap/cli/Main"));
            assertThat(initialised).as("elfmap %s", String.join(" ", run))
                    .noneMatch(l -> AVOIDED.stream().anyMatch(a -> l.contains("'" + a)));
        }
    }

    /** The lines of a child JVM's class-initialisation log while it runs {@code args}. */
    private static List<String> initialised(String[] args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+init=info:stdout", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.contains("Initializing '")).toList();
    }
}
