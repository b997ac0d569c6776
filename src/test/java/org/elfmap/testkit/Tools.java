package org.elfmap.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Whether a tool a test compares with or drives is installed here (a test skips, saying why, when not). */
public final class Tools {
    private Tools() {
    }

    /** Runs {@code command} (a version or help request) and says whether it ran and exited 0 within 10 s. */
    public static boolean has(String... command) {
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

    /**
     * glibc's {@code ldconfig}, which lives in {@code /sbin} (not on a normal user's PATH); skips
     * the calling test when it is not installed.
     */
    public static Path ldconfig() {
        Path found = null;
        for (String p : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (Files.isExecutable(Path.of(p))) {
                found = Path.of(p);
                break;
            }
        }
        Assumptions.assumeTrue(found != null, "glibc's ldconfig is not installed (/sbin, /usr/sbin)");
        return found;
    }
}
