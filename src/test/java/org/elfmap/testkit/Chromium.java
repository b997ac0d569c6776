package org.elfmap.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}; .ci/run installs it) run on a local page: the DOM
 * once the page's scripts have run ({@code --dump-dom}, taken after the load event), the console
 * messages it logged ({@code --enable-logging=stderr} prints each as a {@code CONSOLE} line), and
 * a screenshot. Each run gets a profile directory of its own so that parallel runs do not share
 * one; {@code --no-sandbox} because the tests may run as root, which Chromium's sandbox refuses.
 */
public final class Chromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;
    private final Path profiles;

    private Chromium(Path executable, Path profiles) {
        this.executable = executable;
        this.profiles = profiles;
    }

    /** The browser on PATH ({@code $CHROMIUM} first), or empty: the tests that need it skip. */
    public static Optional<Chromium> find(Path profiles) {
        String chosen = System.getenv("CHROMIUM");
        List<String> names = new ArrayList<>();
        if (chosen != null && !chosen.isBlank()) {
            names.add(chosen);
        }
        names.addAll(NAMES);
        for (String n : names) {
            Optional<Path> found = Tools.which(n);
            if (found.isPresent()) {
                return Optional.of(new Chromium(found.get(), profiles));
            }
        }
        return Optional.empty();
    }

    /** What a page became in the browser. */
    public record Loaded(String dom, List<String> console, String stderr) {
        public Dom parsed() {
            return new Dom(dom);
        }
    }

    /** Loads {@code page} (with {@code #fragment} when not empty) and returns its DOM and console. */
    public Loaded load(Path page, String fragment, int width, int height) throws IOException, InterruptedException {
        Run r = run(List.of("--dump-dom", url(page, fragment)), width, height);
        List<String> console = r.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        return new Loaded(r.stdout, console, r.stderr);
    }

    /** Saves a PNG of the window's first {@code height} pixels of {@code page}. */
    public void screenshot(Path page, String fragment, Path png, int width, int height)
            throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), url(page, fragment)), width, height);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot " + png);
        }
    }

    private static String url(Path page, String fragment) {
        return page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
    }

    private record Run(String stdout, String stderr) {
    }

    private Run run(List<String> args, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(profiles);
        Path profile = Files.createTempDirectory(profiles, "profile");
        Path out = profile.resolveSibling(profile.getFileName() + ".out");
        Path err = profile.resolveSibling(profile.getFileName() + ".err");
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=" + width + "," + height));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
