package org.elfmap.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real glibc loader as the oracle: {@code LD_TRACE_LOADED_OBJECTS=1 ld.so PROGRAM} (what
 * {@code ldd} runs) resolves the closure as a start of the program would, without running it,
 * and lists names it cannot find as {@code not found} instead of stopping at the first. One
 * difference: started this way, the program's {@code $ORIGIN} is the directory of the name given,
 * not of its real path as for a program the kernel started.
 */
public final class LdSoList {
    public static final Path LD_SO = Path.of("/lib64/ld-linux-x86-64.so.2");
    private static final Pattern ARROW = Pattern.compile("^\\s*(\\S+) => (.+?)(?: \\(0x[0-9a-f]+\\))?$");

    /** One line: {@code name => path}, or {@code name => not found}. */
    public record Line(String name, String path) {
    }

    public record Result(int exitCode, List<Line> lines, String output) {
    }

    private LdSoList() {
    }

    /** The {@code name => path} lines of a listing. */
    public static Result parse(int exitCode, String out) {
        List<Line> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            Matcher m = ARROW.matcher(l);
            if (m.matches()) {
                lines.add(new Line(m.group(1), m.group(2)));
            }
        }
        return new Result(exitCode, lines, out);
    }

    public static Result list(Path program, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(LD_SO.toString(), program.toString()).redirectErrorStream(true);
            pb.environment().remove("LD_LIBRARY_PATH");
            pb.environment().put("LD_TRACE_LOADED_OBJECTS", "1");
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ld.so " + program + " hung");
            }
            return parse(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
