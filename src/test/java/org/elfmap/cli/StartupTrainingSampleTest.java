package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files layout's and check-pages' start-up caches are trained on: real ELF files of this
 * machine, spread over its system directories, bounded whatever the size of /usr.
 */
class StartupTrainingSampleTest {
    @Test
    void theSampleIsElfFilesSpreadOverDirectories() throws IOException {
        List<String> sample = StartupTraining.systemSample();
        // every Linux machine that runs a JVM has ELF programs in /usr/bin
        assertThat(sample).anyMatch(p -> p.startsWith("/usr/bin/"));
        assertThat(sample).doesNotHaveDuplicates();
        Map<Path, Integer> perDirectory = new HashMap<>();
        for (String p : sample) {
            Path file = Path.of(p);
            assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).as(p).isTrue();
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(in.readNBytes(4)).as(p).containsExactly(0x7f, 'E', 'L', 'F');
            }
            perDirectory.merge(file.getParent(), 1, Integer::sum);
        }
        assertThat(perDirectory.values()).allMatch(n -> n <= 12);
        // eight trees of at most 150 files: training stays short on any /usr
        assertThat(sample).hasSizeLessThanOrEqualTo(8 * 150);
    }
}
