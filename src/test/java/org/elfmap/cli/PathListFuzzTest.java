package org.elfmap.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.BadInputException;
import org.elfmap.space.RawNames;

/**
 * Any bytes as an {@code @LIST} file: every line gives a path that keeps the line's bytes, or the
 * list is refused with a one-line message naming the list (and the line), at most a few KiB long
 * whatever the line held (issue 16 item 9). Paths are only made, never opened (a name ending in
 * '/' is looked up, to refuse a file named as a directory).
 *
 * <p>{@code mvn verify} runs the committed inputs in
 * {@code src/test/resources/org/elfmap/cli/PathListFuzzTestInputs/expand/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=PathListFuzzTest} (docs/reliability.md).
 */
class PathListFuzzTest {
    private static final Path LIST = list();

    private static Path list() {
        try {
            Path dir = Files.createTempDirectory("elfmap-fuzz-list");
            dir.toFile().deleteOnExit();
            return dir.resolve("fuzz.list");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void expand(byte[] data) throws IOException {
        Files.write(LIST, data);
        int paths = 0;
        try {
            for (Path p : PathArguments.expand(List.of("@" + LIST))) {
                paths++;
                String carried = RawNames.carried(p);
                if (carried.isEmpty() || carried.indexOf('\0') >= 0 || carried.indexOf('\n') >= 0) {
                    throw new AssertionError("a path that no line could name: " + RawNames.shown(carried));
                }
            }
        } catch (BadInputException e) {
            String m = e.getMessage();
            if (m == null || !m.startsWith(LIST.toString()) || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0
                    || m.length() > 4096) {
                throw new AssertionError("message does not name the list on one short line: " + m, e);
            }
            return;
        }
        if (paths > PathArguments.MAX_LINES) {
            throw new AssertionError("more paths than lines allowed");
        }
    }
}
