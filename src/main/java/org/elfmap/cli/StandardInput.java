package org.elfmap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.BadInputException;

/**
 * Standard input, when a command is told to read it ({@code -}). A shell that closed it
 * ({@code explain <&-}) leaves descriptor 0 free, and the JVM's first open file takes it (its own
 * {@code lib/modules}): reading that is reading the JDK, and on JDK 25 it crashed the JVM. The
 * launcher re-opens descriptor 0 on {@code /dev/null} and says so in {@code ELFMAP_STDIN=closed};
 * without the launcher, descriptor 0 pointing into the JDK says the same.
 */
final class StandardInput {
    private StandardInput() {
    }

    static void requireOpen() {
        if ("closed".equals(System.getenv("ELFMAP_STDIN")) || heldByTheJvm()) {
            throw new BadInputException("-", "standard input is closed (give a PID or a capture file, or pipe one in)");
        }
    }

    private static boolean heldByTheJvm() {
        try {
            Path fd0 = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            return fd0.startsWith(Path.of(System.getProperty("java.home")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // no procfs: nothing to tell
        }
    }
}
