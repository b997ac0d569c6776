package org.elfmap.testkit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

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
}
