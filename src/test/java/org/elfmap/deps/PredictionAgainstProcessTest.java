package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.elf.ElfHeader;
import org.elfmap.loader.Backing;
import org.elfmap.loader.KernelMerge;
import org.elfmap.loader.Mapping;
import org.elfmap.loader.PageSize;
import org.elfmap.maps.MapsEntry;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.LiveProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} against the running program: start it, read {@code /proc/PID/maps}, and check
 * that the closure is exactly the set of ELF files mapped (minus what the program dlopen'ed after
 * start-up, which {@code LD_DEBUG=files} reports), in glibc's own load order, and that every
 * object's predicted file-backed and bss mappings are the ones the kernel shows.
 */
class PredictionAgainstProcessTest {
    /** {@code 1234:	file=libz.so.1 [0];  needed by /usr/bin/python3 [0]}. */
    private static final Pattern DEBUG_FILE = Pattern.compile("^\\s*\\d+:\\s+file=(\\S+) \\[\\d+\\];\\s+(needed|dynamically).*");

    @TempDir
    Path tmp;

    @Test
    void python3() {
        check(List.of("/usr/bin/python3", "-c", "import time; print('ready', flush=True); time.sleep(600)"), true,
                "ready", 5);
    }

    @Test
    void ssh() {
        // ssh waits for its ProxyCommand to speak: by then it has loaded everything.
        List<String> cmd = List.of("/usr/bin/ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o",
                "ProxyCommand=sleep 600", "elfmap-test-host");
        Map<String, String> env = Map.of("LD_DEBUG", "files", "LD_DEBUG_OUTPUT", tmp.resolve("ld-debug").toString());
        try (LiveProcess p = LiveProcess.startUntil(cmd, env, LiveProcess::hasChild, tmp)) {
            verify(p, cmd.get(0), debugLog(tmp.resolve("ld-debug." + p.pid())), 10);
        }
    }

    @Test
    void originRunpathProgramInATempDir() {
        Path root = Fixtures.copy("deps", tmp.resolve("anywhere"));
        check(List.of(root.resolve("bin/app-runpath").toString()), true, "ready", 5);
    }

    @Test
    void muslProgram() {
        Path root = Fixtures.copy("deps", tmp.resolve("musl"));
        check(List.of(root.resolve("bin/app-musl").toString()), false, "ready", 4);
    }

    @Test
    void seedAmd64BuildWithItsMegabyteGaps() {
        Path root = Fixtures.copy("seed-compare", tmp.resolve("seed"));
        check(List.of(root.resolve("amd64/app").toString()), true, "ready", 6);
    }

    private void check(List<String> cmd, boolean glibc, String ready, int minObjects) {
        Map<String, String> env = glibc
                ? Map.of("LD_DEBUG", "files", "LD_DEBUG_OUTPUT", tmp.resolve("ld-debug").toString())
                : Map.of();
        try (LiveProcess p = LiveProcess.startUntilLine(cmd, env, ready, tmp)) {
            Optional<String> log = glibc ? debugLog(tmp.resolve("ld-debug." + p.pid())) : Optional.empty();
            verify(p, cmd.get(0), log, minObjects);
        }
    }

    private static Optional<String> debugLog(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("LD_DEBUG_OUTPUT not written", e);
        }
    }

    private static void verify(LiveProcess p, String program, Optional<String> debugLog, int minObjects) {
        List<MapsEntry> maps = p.maps();
        Closure closure = new ClosureResolver(Sysroot.host(), LoaderEnvironment.EMPTY).resolve(program);
        assertThat(closure.unresolved()).isEmpty();
        ProgramPrediction prediction = ProgramPrediction.of(closure, PageSize.P4K, Optional.empty());

        Set<String> runtimeLoaded = new LinkedHashSet<>();
        debugLog.ifPresent(log -> {
            List<String> startup = startupLoads(log, runtimeLoaded);
            assertThat(closure.libraries()).extracting(o -> ClosureResolverTest.firstName(closure, o))
                    .as("load order, as LD_DEBUG=files reports it").containsExactlyElementsOf(startup);
        });
        Map<String, LoadedObject> predicted = new LinkedHashMap<>();
        for (LoadedObject o : closure.objects()) {
            predicted.put(real(o.file()), o);
        }
        Set<String> observed = new LinkedHashSet<>();
        for (MapsEntry e : maps) {
            if (e.path().startsWith("/") && isElf(Path.of(e.path()))) {
                observed.add(real(Path.of(e.path())));
            }
        }
        observed.removeIf(path -> runtimeLoaded.contains(Path.of(path).getFileName().toString())
                || runtimeLoaded.stream().anyMatch(n -> sonameIs(path, n)));
        assertThat(observed).as("ELF files mapped in " + program).hasSizeGreaterThanOrEqualTo(minObjects)
                .containsExactlyInAnyOrderElementsOf(predicted.keySet());

        Map<String, List<String>> mismatches = new LinkedHashMap<>();
        for (ProgramPrediction.ObjectLayout ol : prediction.layouts()) {
            List<String> diff = compare(maps, real(ol.object().file()), ol);
            if (!diff.isEmpty()) {
                mismatches.put(ol.object().path() + " (" + ol.layout().loader() + ")", diff);
            }
        }
        assertThat(mismatches).as("predicted vs /proc/" + p.pid() + "/maps").isEmpty();
        long layoutVsz = prediction.layouts().stream().mapToLong(l -> l.layout().vszBytes()).sum();
        assertThat(prediction.image().vszBytes()).isEqualTo(layoutVsz);
    }

    /** Names loaded before control passed to the program, in order; later ones go to {@code runtime}. */
    private static List<String> startupLoads(String log, Set<String> runtime) {
        List<String> startup = new ArrayList<>();
        boolean started = false;
        for (String line : log.split("\n")) {
            if (line.contains("transferring control:")) {
                started = true;
                continue;
            }
            Matcher m = DEBUG_FILE.matcher(line);
            if (m.matches()) {
                (started ? runtime : startup).add(m.group(1));
            }
        }
        return startup;
    }

    /**
     * The object's observed entries (its file's, plus anonymous ones inside its span: its bss)
     * against its predicted mappings merged as the kernel merges them, relative to the base.
     */
    private static List<String> compare(List<MapsEntry> maps, String file, ProgramPrediction.ObjectLayout ol) {
        List<Mapping> merged = KernelMerge.merge(ol.layout().mappings().stream()
                .filter(m -> m.backing() != Backing.GUARD).toList());
        List<MapsEntry> mine = maps.stream().filter(e -> e.path().startsWith("/") && real(Path.of(e.path())).equals(file))
                .toList();
        MapsEntry first = mine.get(0);
        long base = 0;
        if (ol.object().elf().header().type() == ElfHeader.ET_DYN) {
            Mapping holder = merged.stream().filter(m -> m.fileOffset().isPresent()
                    && m.fileOffset().getAsLong() <= first.offset()
                    && first.offset() < m.fileOffset().getAsLong() + m.length()).findFirst().orElseThrow();
            base = first.start() - (holder.start() + first.offset() - holder.fileOffset().getAsLong());
        }
        long lo = base + merged.get(0).start();
        long hi = base + merged.get(merged.size() - 1).end();
        List<String> observed = new ArrayList<>();
        for (MapsEntry e : maps) {
            boolean ours = e.path().isEmpty() ? e.start() >= lo && e.start() < hi : mine.contains(e);
            if (ours) {
                observed.add(describe(e.start() - base, e.end() - base, e.perms().substring(0, 3),
                        e.path().isEmpty() ? -1 : e.offset()));
            }
        }
        List<String> expected = new ArrayList<>();
        for (Mapping m : merged) {
            expected.add(describe(m.start(), m.end(), m.prot().toString(),
                    m.backing() == Backing.FILE ? m.fileOffset().getAsLong() : -1));
        }
        // An anonymous bss may run on into other anonymous memory the kernel merged with it.
        if (!observed.isEmpty() && !expected.isEmpty() && observed.size() == expected.size()) {
            String lastObs = observed.get(observed.size() - 1);
            String lastExp = expected.get(expected.size() - 1);
            if (lastExp.endsWith(" anon") && lastObs.endsWith(" anon")
                    && lastObs.substring(0, lastObs.indexOf('-')).equals(lastExp.substring(0, lastExp.indexOf('-')))) {
                observed.set(observed.size() - 1, lastExp);
            }
        }
        return observed.equals(expected) ? List.of() : List.of("expected " + expected, "observed " + observed);
    }

    private static String describe(long start, long end, String prot, long offset) {
        return String.format("%x-%x %s %s", start, end, prot, offset < 0 ? "anon" : Long.toHexString(offset));
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    private static boolean isElf(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sonameIs(String path, String name) {
        try {
            return org.elfmap.elf.Elf.read(Path.of(path)).soname().filter(name::equals).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
