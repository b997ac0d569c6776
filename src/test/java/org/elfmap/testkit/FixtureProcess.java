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
        Process p = new ProcessBuilder(cmd).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("%s printed its PID", program).isNotNull();
        int pid = Integer.parseInt(line.trim());
        new ProcessBuilder("kill", "-STOP", Integer.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        return new FixtureProcess(p, pid);
    }

    /**
     * This process's {@code /proc/PID/maps} with the first read-only mapping of {@code library}
     * moved one page further into the file, as if another loader or another build had mapped it:
     * a capture whose files are real, so the prediction is checked, and fails.
     */
    public List<String> mapsWithLibraryMovedOnePage(String library) throws IOException {
        List<String> doctored = new ArrayList<>();
        boolean changed = false;
        for (String l : java.nio.file.Files.readAllLines(Path.of("/proc", Integer.toString(pid), "maps"))) {
            if (!changed && l.endsWith(library) && l.split("\\s+")[1].startsWith("r--")) {
                String[] f = l.split("\\s+", 6);
                long off = Long.parseLong(f[2], 16);
                l = f[0] + " " + f[1] + " " + String.format("%08x", off + 0x1000) + " " + f[3] + " " + f[4] + " " + f[5];
                changed = true;
            }
            doctored.add(l);
        }
        assertThat(changed).as("%s has a read-only mapping in pid %d", library, pid).isTrue();
        return doctored;
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
