package org.elfmap.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * This machine's glibc dynamic linker asked about itself, as the oracle for tests (independent of
 * elfmap's own code for the same questions): {@code ld.so --list-diagnostics} (glibc 2.33+),
 * {@code ld.so --help}, {@code ld.so --version}, and {@code LD_DEBUG=libs} runs.
 */
public final class RealLoader {
    private RealLoader() {
    }

    /** Skips the calling test when this machine has no x86-64 glibc loader at the usual place. */
    public static Path require() {
        Assumptions.assumeTrue(Files.isExecutable(LdSoList.LD_SO),
                LdSoList.LD_SO + " is not here: the test needs this machine's x86-64 glibc loader as its oracle");
        return LdSoList.LD_SO;
    }

    /** A host file a test reads as an example; skips the test when this machine does not have it. */
    public static Path hostFile(String path) {
        return HostFiles.require(path);
    }

    /** Output and exit code of ld.so with these arguments and this environment (nothing inherited). */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    public static Run run(List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(require().toString());
        cmd.addAll(args);
        return exec(cmd, env);
    }

    public static Run exec(List<String> cmd, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
            pb.environment().putAll(env);
            Path err = Files.createTempFile("elfmap-ldso", ".err");
            try {
                pb.redirectError(err.toFile());
                Process p = pb.start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(cmd + " hung");
                }
                return new Run(p.exitValue(), out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code ld.so --list-diagnostics} as key → value (quotes removed); skips the test before glibc 2.33. */
    public static Map<String, String> diagnostics() {
        Run r = run(List.of("--list-diagnostics"), Map.of());
        Assumptions.assumeTrue(r.exitCode() == 0 && r.stdout().contains("dl_platform="),
                "this ld.so has no --list-diagnostics (glibc before 2.33)");
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String v = line.substring(eq + 1);
                out.putIfAbsent(line.substring(0, eq), v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2
                        ? v.substring(1, v.length() - 1) : v);
            }
        }
        return out;
    }

    /** {@code $PLATFORM} as this machine's ld.so computes it ({@code dl_platform}). */
    public static String platform() {
        return Optional.ofNullable(diagnostics().get("dl_platform")).orElseThrow();
    }

    /**
     * The lines of one section of {@code ld.so --help} (glibc 2.33+), e.g. "Subdirectories of
     * glibc-hwcaps directories, in priority order:" → {@code x86-64-v4 (supported, searched)}...
     */
    public static List<String> helpSection(String heading) {
        Run r = run(List.of("--help"), Map.of());
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith(heading)) {
                in = true;
                continue;
            }
            if (in) {
                if (line.isBlank()) {
                    break;
                }
                out.add(line.trim());
            }
        }
        Assumptions.assumeTrue(in, "ld.so --help has no '" + heading + "' section (glibc before 2.33)");
        return out;
    }

    /** {@code 2.36} from {@code ld.so --version}'s first line. */
    public static String version() {
        String first = run(List.of("--version"), Map.of()).stdout().split("\n")[0];
        return first.substring(first.lastIndexOf(' ') + 1).replaceAll("\\.$", "");
    }

    /**
     * The directories of the first {@code search path=} line that {@code LD_DEBUG=libs} prints for
     * a start of {@code program} (ld.so run as a command, with {@code --list}), e.g. the RUNPATH
     * directory with all its hwcap subdirectories in the order the loader tries them.
     */
    public static List<String> firstSearchPath(Path program) {
        Run r = run(List.of("--list", program.toString()), Map.of("LD_DEBUG", "libs"));
        for (String line : r.stderr().split("\n")) {
            int at = line.indexOf("search path=");
            if (at >= 0) {
                String list = line.substring(at + "search path=".length());
                int tab = list.indexOf('\t');
                return List.of((tab >= 0 ? list.substring(0, tab) : list).split(":"));
            }
        }
        throw new AssertionError("no search path in LD_DEBUG=libs output: " + r.stderr());
    }
}
