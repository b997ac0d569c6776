package org.elfmap.loader;

import org.elfmap.output.Words;
import org.elfmap.space.PageSize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.explain.PredictionCheck;
import org.elfmap.maps.LinuxMapsLine;
import org.elfmap.maps.MapsEntry;
import org.elfmap.testkit.HostFiles;
import org.junit.jupiter.api.Test;

/**
 * Every ELF object of a real process of this machine, mapped by the kernel or by ld.so, equals
 * its default model's layout entry by entry once the kernel's merge rule is applied. python3
 * with ssl and sqlite loads some twenty glibc libraries: the widest real sample at hand.
 */
class LiveLayoutTest {

    @Test
    void everyObjectOfAPythonProcessMatchesItsModel() throws Exception {
        Process p = new ProcessBuilder("python3", "-c",
                "import ssl, sqlite3, os, sys; print(os.getpid(), flush=True); sys.stdin.read()")
                .redirectErrorStream(true).start();
        try {
            String pid = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            List<MapsEntry> maps = readMaps(Path.of("/proc", pid.trim(), "maps"));
            Map<String, List<String>> mismatches = new LinkedHashMap<>();
            int checked = 0;
            for (String path : elfPaths(maps)) {
                ElfFile elf = Elf.read(Path.of(path));
                if (elf.loads().isEmpty()) {
                    continue;
                }
                LoaderModel model = Loaders.defaultFor(elf);
                List<String> diff = compare(maps, path, model.layout(elf, PageSize.P4K));
                checked++;
                if (!diff.isEmpty()) {
                    mismatches.put(path + " (" + model.name() + ")", diff);
                }
            }
            assertThat(checked).as("ELF objects in python3").isGreaterThan(10);
            assertThat(mismatches).isEmpty();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void defaultLoadersAreTheOnesThatMappedEachObject() {
        assertThat(Loaders.defaultFor(Elf.read(HostFiles.require("/usr/bin/cat"))).name()).isEqualTo("linux-kernel");
        assertThat(Loaders.defaultFor(Elf.read(HostFiles.require("/lib64/ld-linux-x86-64.so.2"))).name())
                .isEqualTo("linux-kernel");
        // libc.so.6 has a PT_INTERP (it can be run) but is a library: glibc maps it
        assertThat(Loaders.defaultFor(Elf.read(HostFiles.require("/lib/x86_64-linux-gnu/libc.so.6"))).name())
                .isEqualTo("glibc");
    }

    static List<MapsEntry> readMaps(Path maps) throws IOException {
        List<MapsEntry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(maps);
        for (int i = 0; i < lines.size(); i++) {
            out.add(LinuxMapsLine.parse(lines.get(i), maps.toString(), i + 1));
        }
        return out;
    }

    static List<String> elfPaths(List<MapsEntry> maps) throws IOException {
        List<String> out = new ArrayList<>();
        for (MapsEntry e : maps) {
            Path p = Path.of(e.path().isEmpty() ? "." : e.path());
            if (e.path().startsWith("/") && !out.contains(e.path()) && Files.isRegularFile(p)
                    && Files.size(p) > 4 && isElf(p)) {
                out.add(e.path());
            }
        }
        return out;
    }

    private static boolean isElf(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        }
    }

    /** Differences between the observed entries of {@code path} and its layout (empty when they match). */
    static List<String> compare(List<MapsEntry> maps, String path, Layout layout) {
        return PredictionCheck.check(maps, path, layout).prediction().differences().stream().map(Words::difference)
                .toList();
    }
}
