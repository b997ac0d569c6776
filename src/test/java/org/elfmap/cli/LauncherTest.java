package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher ({@code ./elfmap}) keeps a start-up cache per command: its list of commands is a
 * bash {@code case} line (bash built-ins only, no process started to ask Java), so this test holds
 * it to {@link Main#COMMANDS}, which {@link StartupTraining#GROUPS} derives from.
 */
class LauncherTest {
    @Test
    void theLaunchersCommandsAreMains() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("elfmap"));
        String caseLine = lines.stream().filter(l -> l.contains("case \"${1:-}\" in")).findFirst().orElseThrow();
        String alternatives = caseLine.substring(caseLine.indexOf(" in ") + 4, caseLine.indexOf(')')).strip();
        assertThat(Arrays.asList(alternatives.split("\\|"))).containsExactlyElementsOf(Main.COMMANDS);
        assertThat(StartupTraining.GROUPS).containsExactlyElementsOf(
                java.util.stream.Stream.concat(Main.COMMANDS.stream(), java.util.stream.Stream.of("version", "other")).toList());
    }
}
