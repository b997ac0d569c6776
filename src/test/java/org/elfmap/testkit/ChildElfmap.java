package org.elfmap.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs elfmap's {@code Main} in a child JVM: with a small heap (to show a bound holds), under a
 * wrapper command ({@code setpriv} to drop root's right to read any directory), or to be killed
 * on a hang. Output goes to files, so a child printing a lot never blocks on a full pipe.
 *
 * @param exit      the exit code, or -1 when it did not finish in time (it is then killed)
 * @param out       stdout as ISO-8859-1 (bytes kept one to one); beyond {@link #KEPT} bytes, its first and
 *                  last halves of that joined by a line {@code [...]}
 * @param err       stderr as UTF-8
 * @param outBytes  the full size of stdout
 * @param millis    wall time
 * @param outFile   all of stdout (in the caller's scratch directory)
 */
public record ChildElfmap(int exit, String out, String err, long outBytes, long millis, Path outFile) {
    public static final int KEPT = 1 << 20;

    /** A child with {@code -Xmx<heap>} run as {@code prefix... java ... Main args...}, given {@code seconds} to finish. */
    public static ChildElfmap run(Path tmp, String heap, List<String> prefix, int seconds, String... args)
            throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp, "org.elfmap.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        byte[] o = Files.readAllBytes(out);
        String shown = o.length <= KEPT ? new String(o, StandardCharsets.ISO_8859_1)
                : new String(o, 0, KEPT / 2, StandardCharsets.ISO_8859_1) + "\n[...]\n"
                        + new String(o, o.length - KEPT / 2, KEPT / 2, StandardCharsets.ISO_8859_1);
        return new ChildElfmap(done ? p.exitValue() : -1, shown, Files.readString(err), o.length, millis, out);
    }

    public static ChildElfmap run(Path tmp, String heap, String... args) throws IOException, InterruptedException {
        return run(tmp, heap, List.of(), 120, args);
    }
}
