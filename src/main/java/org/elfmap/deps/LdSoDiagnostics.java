package org.elfmap.deps;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.elfmap.loader.Flavor;

/**
 * What a glibc ld.so (2.33+) says about itself on this machine: {@code ld.so --list-diagnostics}
 * ({@code elf/dl-diagnostics.c}) prints {@code key=value} lines such as
 * {@code dl_platform="haswell"}, {@code dl_hwcaps_subdirs="x86-64-v4:x86-64-v3:x86-64-v2"},
 * {@code dl_hwcaps_subdirs_active=0x6}, {@code dl_hwcap=0x2}, {@code dl_hwcap_important=0x6},
 * {@code x86.cpu_features.isa_1=0x7} and {@code version.version="2.36"}. This is the loader's own
 * answer, so it is preferred to any rule applied to CPU flags.
 *
 * @param ldso   the loader that was asked
 * @param values the printed keys and values, quotes removed
 */
public record LdSoDiagnostics(Path ldso, Map<String, String> values) {
    private static final Map<String, Optional<LdSoDiagnostics>> ASKED = new ConcurrentHashMap<>();

    public LdSoDiagnostics {
        values = Map.copyOf(values);
    }

    public static LdSoDiagnostics parse(Path ldso, String text) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            v.putIfAbsent(line.substring(0, eq), value);
        }
        return new LdSoDiagnostics(ldso, v);
    }

    /**
     * How long ld.so may take to print its diagnostics (it takes milliseconds) before it is killed,
     * in milliseconds: not a {@code java.time.Duration}, whose class initialisation builds
     * {@code BigInteger}s (~10 ms of a cold {@code predict}, README "Performance").
     */
    static final long TIMEOUT_MILLIS = 10_000;
    /** More than ld.so prints (about 10 KiB); the rest is not read. */
    private static final int MAX_OUTPUT = 1 << 20;

    /**
     * Runs {@code ldso --list-diagnostics} once per JVM, with no environment but the tunables the
     * program would get. elfmap never executes a file that a program under study names: only a
     * glibc program's interpreter is asked, and only when it is this machine's own glibc loader
     * for the target ({@link DefaultInterpreter#glibc}), compared by real path; what runs is that
     * real path, not the name that led to it (a link could be changed in between). Empty when it
     * is not, cannot be run, or prints nothing useful (glibc before 2.33, another machine).
     *
     * @param flavor the C library of the program whose interpreter {@code ldso} is ({@link Flavor#of})
     */
    public static Optional<LdSoDiagnostics> ask(ElfTarget target, Flavor flavor, Path ldso, Map<String, String> env) {
        if (flavor != Flavor.GLIBC) {
            return Optional.empty();
        }
        Optional<Path> real = ownGlibcLoader(target, ldso);
        if (real.isEmpty()) {
            return Optional.empty();
        }
        String key = real.get() + "\0" + env;
        return ASKED.computeIfAbsent(key, k -> run(real.get(), env, TIMEOUT_MILLIS));
    }

    /** The real path of {@code ldso} when it is the real path of this machine's glibc loader for the target. */
    static Optional<Path> ownGlibcLoader(ElfTarget target, Path ldso) {
        Optional<String> standard = DefaultInterpreter.glibc(target);
        if (standard.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path real = ldso.toRealPath();
            return real.equals(Path.of(standard.get()).toRealPath()) ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code ldso --list-diagnostics}: the output goes to a private temporary file, so a
     * loader that prints nothing and never exits cannot block the read; it is killed after
     * {@code timeoutMillis}.
     */
    static Optional<LdSoDiagnostics> run(Path ldso, Map<String, String> env, long timeoutMillis) {
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("elfmap-ldso", ".out");
            ProcessBuilder pb = new ProcessBuilder(ldso.toString(), "--list-diagnostics")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            p = pb.start();
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(out)) {
                bytes = in.readNBytes(MAX_OUTPUT);
            }
            LdSoDiagnostics d = parse(ldso, new String(bytes, StandardCharsets.UTF_8));
            return d.values().containsKey("dl_platform") ? Optional.of(d) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind: nothing else to do
                }
            }
        }
    }

    /** {@code dl_platform}; empty when the loader has none ({@code (null)}). */
    public Optional<String> platform() {
        return Optional.ofNullable(values.get("dl_platform")).filter(s -> !s.isEmpty() && !s.equals("(null)"));
    }

    /**
     * The glibc-hwcaps subdirectories the CPU supports, best first: bit i of
     * {@code dl_hwcaps_subdirs_active} stands for the i-th name of {@code dl_hwcaps_subdirs}
     * ({@code _dl_hwcaps_subdirs_build_bitmask}, {@code elf/dl-hwcaps.h}).
     */
    public Optional<List<String>> activeHwcapsSubdirs() {
        String names = values.get("dl_hwcaps_subdirs");
        OptionalLong mask = number("dl_hwcaps_subdirs_active");
        if (names == null || mask.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        String[] all = names.isEmpty() ? new String[0] : names.split(":");
        for (int i = 0; i < all.length; i++) {
            if ((mask.getAsLong() & (1L << i)) != 0) {
                out.add(all[i]);
            }
        }
        return Optional.of(out);
    }

    /** {@code dl_hwcap & dl_hwcap_important}: the bits that name legacy hwcap subdirectories. */
    public OptionalLong importantHwcap() {
        OptionalLong hwcap = number("dl_hwcap");
        OptionalLong important = number("dl_hwcap_important");
        if (hwcap.isEmpty() || important.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(hwcap.getAsLong() & important.getAsLong());
    }

    /** {@code x86.cpu_features.isa_1}: the x86 ISA levels the CPU supports. */
    public OptionalInt isaLevels() {
        OptionalLong v = number("x86.cpu_features.isa_1");
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    private OptionalLong number(String key) {
        String v = values.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
