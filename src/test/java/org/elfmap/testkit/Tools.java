package org.elfmap.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Whether a tool a test compares with or drives is installed here (a test skips, saying why, when not). */
public final class Tools {
    private Tools() {
    }

    /** Whether {@code program} is an executable in a directory of this machine's PATH. */
    public static boolean has(String program) {
        return which(program).isPresent();
    }

    /** Where {@code program} is on this machine's PATH (a name with a slash is taken as a path). */
    public static Optional<Path> which(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program)) ? Optional.of(Path.of(program)) : Optional.empty();
        }
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Optional.of(Path.of(d, program));
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} (a version or help request) and says whether it ran and exited 0 within 10 s. */
    public static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
