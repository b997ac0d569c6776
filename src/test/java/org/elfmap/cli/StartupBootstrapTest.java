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
 * Start-up: no command's usual path bootstraps a record's equals/hashCode/toString (ObjectMethods)
 * or a lambda of the JDK's comparator factories by invokedynamic. An AOT cache stores neither, and
 * in a cold JVM the first costs 17-20 ms, each further one 1.5-8 ms (README "Performance"). Read
 * from the JVM's own log of each bootstrap ({@code -Xlog:methodhandles+indy=debug}), in a child JVM
 * that runs the command.
 */
class StartupBootstrapTest {
    private static final Path SEED = Path.of("fixtures/seed-compare/amd64/app");

    @Test
    void commandsBootstrapNoRecordMethodOrJdkComparator() throws Exception {
        String capture = Path.of("src/test/resources/fixtures/maps/glibc-libfix.maps").toString();
        String pid = Long.toString(ProcessHandle.current().pid());
        List<String[]> runs = List.of(
                new String[] {"--version"},
                new String[] {"layout", SEED.toString()},
                new String[] {"layout", "--json", SEED.toString()},
                new String[] {"explain", capture},
                new String[] {"explain", "--json", capture},
                new String[] {"explain", pid},
                new String[] {"top", "--json"},
                new String[] {"check-pages", SEED.toString()},
                new String[] {"check-pages", "--json", "--page-size", "16k", SEED.getParent().toString()},
                new String[] {"predict", SEED.toString()},
                new String[] {"predict", "--json", SEED.toString(), SEED.toString()},
                new String[] {"compare", SEED.toString(), Path.of("fixtures/seed-compare/i386/app").toString()});
        for (String[] run : runs) {
            List<String> logged = bootstraps(run);
            // the log must still look as the filter below expects: every run resolves some lambda
            // of elfmap's own, each logged "Bootstrap in org/elfmap/... indy#N@CP[M] NAME:..."
            assertThat(logged).as("elfmap %s logs its bootstraps", String.join(" ", run))
                    .anyMatch(l -> l.matches(".*Bootstrap in \\S+ indy#\\d+@CP\\[\\d+\\] \\S+:.*"));
            List<String> found = logged.stream()
                    .filter(l -> l.matches(".*Bootstrap in org/elfmap/\\S+ indy#\\d+@CP\\[\\d+\\] (equals|hashCode|toString):.*")
                            || l.contains("Bootstrap in java/util/Comparator "))
                    .toList();
            assertThat(found).as("elfmap %s", String.join(" ", run)).isEmpty();
        }
    }

    /** The invokedynamic bootstraps a child JVM logs while running {@code args}. */
    private static List<String> bootstraps(String[] args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:methodhandles+indy=debug:stdout", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.contains("resolve_invokedynamic")).toList();
    }
}
