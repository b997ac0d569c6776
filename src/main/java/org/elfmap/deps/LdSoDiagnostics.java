package org.elfmap.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
     * Runs {@code ldso --list-diagnostics} once per JVM, with no environment but the tunables the
     * program would get. Only a loader that looks like the system's own is run: a root-owned file
     * that nobody else may write (elfmap never executes a file that a program under study names).
     * Empty when it cannot be run or prints nothing useful (glibc before 2.33, another machine).
     */
    public static Optional<LdSoDiagnostics> ask(Path ldso, Map<String, String> env) {
        Path real;
        try {
            real = ldso.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!trusted(real)) {
            return Optional.empty();
        }
        String key = real + "\0" + env;
        return ASKED.computeIfAbsent(key, k -> run(ldso, env));
    }

    static boolean trusted(Path real) {
        try {
            PosixFileAttributes a = Files.readAttributes(real, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.owner().getName().equals("root")
                    && !a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                    && Files.isExecutable(real);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Optional<LdSoDiagnostics> run(Path ldso, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(ldso.toString(), "--list-diagnostics")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            LdSoDiagnostics d = parse(ldso, new String(out, StandardCharsets.UTF_8));
            return d.values().containsKey("dl_platform") ? Optional.of(d) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code dl_platform}; empty when the loader has none ({@code (null)}). */
    public Optional<String> platform() {
        return Optional.ofNullable(values.get("dl_platform")).filter(s -> !s.isEmpty() && !s.equals("(null)"));
    }

    public Optional<GlibcVersion> version() {
        return Optional.ofNullable(values.get("version.version")).flatMap(s -> {
            try {
                return Optional.of(GlibcVersion.parse(s));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
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
