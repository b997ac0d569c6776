package org.elfmap.loader;

import org.elfmap.space.PageSize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.maps.MapsEntry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The odd cases built by {@code fixtures/build.sh} (static-pie, musl, lld, a 2 MiB max-page-size
 * library with and without separate code, -m32): each committed capture of their maps equals the
 * committed binaries' layouts, and each binary this machine can run is run again and checked live.
 */
class FixtureLayoutTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final Path BIN = FIXTURES.resolve("bin");

    @TestFactory
    Stream<DynamicTest> capturedMapsMatchTheFixtureBinaries() throws IOException {
        List<Path> captures;
        try (Stream<Path> s = Files.list(FIXTURES.resolve("maps"))) {
            captures = s.filter(p -> p.toString().endsWith(".maps")).sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThanOrEqualTo(6);
        return captures.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            List<MapsEntry> maps = LiveLayoutTest.readMaps(c);
            int checked = checkFixtureObjects(maps);
            assertThat(checked).as("fixture objects in " + c).isPositive();
        }));
    }

    /** Compares every object of {@code maps} that is one of our fixture binaries; returns how many. */
    static int checkFixtureObjects(List<MapsEntry> maps) throws IOException {
        return checkFixtureObjects(maps, BIN);
    }

    /** The same, for fixture binaries in {@code bin} (a fresh build). */
    static int checkFixtureObjects(List<MapsEntry> maps, Path bin) throws IOException {
        int checked = 0;
        List<String> seen = new ArrayList<>();
        for (MapsEntry e : maps) {
            Path name = Path.of(e.path().isEmpty() ? "." : e.path()).getFileName();
            if (!e.path().startsWith("/") || seen.contains(e.path()) || name == null
                    || !Files.exists(bin.resolve(name.toString()))) {
                continue;
            }
            seen.add(e.path());
            ElfFile elf = Elf.read(bin.resolve(name.toString()));
            Layout layout = Loaders.defaultFor(elf).layout(elf, PageSize.P4K);
            assertThat(LiveLayoutTest.compare(maps, e.path(), layout)).as(e.path() + " under " + layout.loader())
                    .isEmpty();
            checked++;
        }
        return checked;
    }

    @Test
    void defaultLoaderOfEachFixtureIsTheOneThatMapsIt() {
        assertThat(defaultLoader("waiter-glibc")).isEqualTo("linux-kernel");
        assertThat(defaultLoader("waiter-static-pie")).isEqualTo("linux-kernel");
        assertThat(defaultLoader("waiter-musl-static")).isEqualTo("linux-kernel");
        assertThat(defaultLoader("libfix-glibc.so")).isEqualTo("glibc");
        assertThat(defaultLoader("libfix-lld.so")).isEqualTo("glibc");
        assertThat(defaultLoader("libbig2m-musl.so")).isEqualTo("musl");
        assertThat(defaultLoader("libfix-i386.so")).isEqualTo("glibc");
    }

    @Test
    void muslMergesTextAndGapIntoOneEntryAsLoadersMdSays() throws IOException {
        ElfFile elf = Elf.read(BIN.resolve("libbig2m-musl.so"));
        List<Mapping> merged = KernelMerge.merge(Loaders.named("musl").layout(elf, PageSize.P4K).mappings());
        assertThat(merged.get(0).prot()).hasToString("r-x");
        assertThat(merged.get(0).length()).isEqualTo(0x3ff000);
        // and the capture shows exactly that
        List<MapsEntry> maps = LiveLayoutTest.readMaps(FIXTURES.resolve("maps/musl-libbig2m.maps"));
        assertThat(maps).anyMatch(e -> e.path().endsWith("libbig2m-musl.so") && e.length() == 0x3ff000
                && e.perms().toString().equals("r-xp"));
    }

    @Test
    void i386LibraryLaysOutWithoutAGap() throws IOException {
        // This machine's kernel refuses to exec i386 programs (ENOEXEC), so i386 is checked from files only.
        ElfFile elf = Elf.read(BIN.resolve("libfix-i386.so"));
        assertThat(elf.header().elfClass()).isEqualTo(32);
        Layout l = Loaders.named("glibc").layout(elf, PageSize.P4K);
        assertThat(l.gapBytes()).isZero();
        assertThat(l.mappings()).extracting(m -> m.kind().label()).contains("text", "relro", "data", "bss");
    }

    @TestFactory
    Stream<DynamicTest> fixtureProgramsRunNowMatchTheirLayouts() {
        String[][] runs = {
            {"waiter-glibc", "libfix-glibc.so"}, {"waiter-glibc", "libbig2m-glibc.so"},
            {"waiter-glibc", "libsep-glibc.so"}, {"waiter-glibc", "libnosep-glibc.so"},
            {"waiter-static-pie"}, {"waiter-lld", "libfix-lld.so"}, {"waiter-musl", "libbig2m-musl.so"},
            {"waiter-musl-static"}};
        return Stream.of(runs).map(r -> DynamicTest.dynamicTest(String.join(" ", r), () -> {
            List<String> cmd = new ArrayList<>();
            cmd.add(BIN.resolve(r[0]).toAbsolutePath().toString());
            if (r.length > 1) {
                cmd.add(BIN.resolve(r[1]).toAbsolutePath().toString());
            }
            Process p = new ProcessBuilder(cmd).start();
            try {
                String pid = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertThat(pid).as("the program's PID").isNotNull();
                List<MapsEntry> maps = LiveLayoutTest.readMaps(Path.of("/proc", pid.trim(), "maps"));
                assertThat(checkFixtureObjects(maps)).isEqualTo(r.length);
            } finally {
                p.getOutputStream().close();
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }));
    }

    private static String defaultLoader(String fixture) {
        return Loaders.defaultFor(Elf.read(BIN.resolve(fixture))).name();
    }
}
