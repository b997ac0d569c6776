package org.elfmap.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether a tool a test compares with or drives is installed here (a test skips, saying why, when
 * not), and what it prints. The one way tests detect a tool: by running it.
 */
public final class Tools {
    private Tools() {
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
    public static boolean has(String... command) {
        return output(command).isPresent();
    }

    /**
     * What {@code command} printed on stdout and stderr, when it ran and exited 0 within 10 s: a
     * version request's answer ({@code readelf --version}: "GNU readelf (GNU Binutils for Debian) 2.40").
     */
    public static Optional<String> output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The lines {@code command} writes on stdout (stderr discarded), read to the end; it is given
     * {@code seconds} to exit after that.
     */
    public static List<String> lines(int seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException(String.join(" ", command) + " did not exit within " + seconds + " s");
        }
        return lines;
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
