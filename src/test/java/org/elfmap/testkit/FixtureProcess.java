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
