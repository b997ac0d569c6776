package org.elfmap.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.elfmap.maps.LinuxMapsLine;
import org.elfmap.maps.MapsEntry;

/**
 * A real program started by a test and kept running until closed, so its {@code /proc/PID/maps}
 * can be read after the loader has finished. Ready when its stdout says so, or when a condition
 * on the running process holds (ssh has nothing to say until it connects).
 */
public final class LiveProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;

    private LiveProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Starts {@code command} and waits until a line of its stdout starts with {@code readyPrefix}. */
    public static LiveProcess startUntilLine(List<String> command, Map<String, String> env, String readyPrefix,
                                             Path scratch) {
        LiveProcess p = start(command, env, scratch);
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(readyPrefix)) {
                    return p;
                }
            }
        } catch (IOException e) {
            p.close();
            throw new UncheckedIOException(e);
        }
        String err = p.stderr();
        p.close();
        throw new IllegalStateException(command + " ended without saying '" + readyPrefix + "': " + err);
    }

    /** Starts {@code command} and polls until {@code ready} holds for the process (at most 20 s). */
    public static LiveProcess startUntil(List<String> command, Map<String, String> env, Predicate<LiveProcess> ready,
                                         Path scratch) {
        LiveProcess p = start(command, env, scratch);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.process.isAlive()) {
                String err = p.stderr();
                throw new IllegalStateException(command + " ended early: " + err);
            }
            if (ready.test(p)) {
                return p;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.close();
        throw new IllegalStateException(command + " did not become ready");
    }

    private static LiveProcess start(List<String> command, Map<String, String> env, Path scratch) {
        try {
            Path err = Files.createTempFile(scratch, "stderr", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().putAll(env);
            return new LiveProcess(pb.start(), err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the process has started a child (ssh's ProxyCommand: it is past loading by then). */
    public boolean hasChild() {
        return process.children().findAny().isPresent();
    }

    public List<MapsEntry> maps() {
        String where = "/proc/" + pid() + "/maps";
        try {
            List<MapsEntry> out = new ArrayList<>();
            long n = 0;
            for (String line : Files.readAllLines(Path.of(where))) {
                out.add(LinuxMapsLine.parse(line, where, ++n));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
