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
import org.elfmap.space.Prediction;
import org.elfmap.explain.PredictionCheck;
import org.elfmap.space.PageSize;
import org.elfmap.maps.MapsEntry;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.HostFiles;
import org.elfmap.testkit.LiveProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} against the running program: start it, read {@code /proc/PID/maps}, and check
 * that the closure is exactly the set of ELF files mapped (minus what the program dlopen'ed after
 * start-up, which {@code LD_DEBUG=files} reports), in glibc's own load order, and that every
 * object's predicted file-backed and bss mappings are the ones the kernel shows
 * ({@link PredictionCheck}, as {@code explain} judges them).
 */
class PredictionAgainstProcessTest {
    /** {@code 1234:	file=libz.so.1 [0];  needed by /usr/bin/python3 [0]}. */
    private static final Pattern DEBUG_FILE = Pattern.compile("^\\s*\\d+:\\s+file=(\\S+) \\[\\d+\\];\\s+(needed|dynamically).*");

    @TempDir
    Path tmp;

    @Test
    void python3() {
        HostFiles.require("/usr/bin/python3");
        check(List.of("/usr/bin/python3", "-c", "import time; print('ready', flush=True); time.sleep(600)"), true,
                "ready", 5);
    }

    @Test
    void ssh() {
        HostFiles.require("/usr/bin/ssh");
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
        HostFiles.requireMusl();
        Path root = Fixtures.copy("deps", tmp.resolve("musl"));
        check(List.of(root.resolve("bin/app-musl").toString()), false, "ready", 4);
    }

    @Test
    void muslProgramWithAPieForALibrary() {
        HostFiles.requireMusl();
        Path root = Fixtures.copy("deps", tmp.resolve("musl-pie"));
        check(List.of(root.resolve("bin/app-musl-pie").toString()), false, "ready", 3);
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

        Map<String, Prediction> mismatches = new LinkedHashMap<>();
        for (ProgramPrediction.ObjectLayout ol : prediction.layouts()) {
            String file = real(ol.object().file());
            String spelled = maps.stream().map(MapsEntry::path)
                    .filter(path -> path.startsWith("/") && real(Path.of(path)).equals(file)).findFirst().orElseThrow();
            Prediction verdict = PredictionCheck.check(maps, spelled, ol.layout()).prediction();
            if (verdict.status() != Prediction.Status.MATCH) {
                mismatches.put(ol.object().path() + " (" + ol.layout().loader() + ")", verdict);
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
