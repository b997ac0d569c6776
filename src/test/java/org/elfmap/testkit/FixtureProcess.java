package org.elfmap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fixture program ({@code src/test/resources/fixtures/bin}, built by {@code fixtures/build.sh})
 * run until it has printed its PID (after any dlopen of the libraries it is given), then stopped
 * with SIGSTOP so that its address space holds still while it is read.
 */
public record FixtureProcess(Process process, int pid) implements AutoCloseable {
    public static final Path BIN = Path.of("src/test/resources/fixtures/bin");

    public static FixtureProcess of(String program, String... libs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN.resolve(program).toAbsolutePath().toString());
        for (String l : libs) {
            cmd.add(BIN.resolve(l).toAbsolutePath().toString());
        }
        return run(cmd);
    }

    /**
     * Runs {@code cmd} as it is (a program built by the test, or one run through an explicit
     * loader: {@code ld.so PROGRAM}) until it prints its PID, then stops it.
     */
    public static FixtureProcess run(List<String> cmd) throws IOException, InterruptedException {
        String program = cmd.get(cmd.size() - 1);
        Process p = new ProcessBuilder(cmd).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("%s printed its PID", program).isNotNull();
        int pid = Integer.parseInt(line.trim());
        new ProcessBuilder("kill", "-STOP", Integer.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        return new FixtureProcess(p, pid);
    }

    /**
     * This process's {@code /proc/PID/maps} with the RELRO mapping of {@code library} (its
     * read-only entry right before its data) left writable, as a loader that ignores
     * {@code PT_GNU_RELRO} would: a capture whose files are real and whose entries fit the file's
     * segments, so the prediction is checked, and fails. (Moving a mapping in the file no longer
     * does: the file's own segments cannot place it, which reads as a file changed since it was
     * mapped, classified by shape.)
     */
    public List<String> mapsWithLibraryRelroWritable(String library) throws IOException {
        List<String> doctored = new ArrayList<>(java.nio.file.Files.readAllLines(
                Path.of("/proc", Integer.toString(pid), "maps")));
        for (int i = 1; i < doctored.size(); i++) {
            String l = doctored.get(i);
            String before = doctored.get(i - 1);
            if (l.endsWith(library) && l.contains(" rw-p ") && before.endsWith(library) && before.contains(" r--p ")) {
                doctored.set(i - 1, before.replaceFirst(" r--p ", " rw-p "));
                return doctored;
            }
        }
        throw new AssertionError(library + " has no RELRO mapping in pid " + pid);
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("kill", "-CONT", Integer.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
            process.getOutputStream().close();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }
}
