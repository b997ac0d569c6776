package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Kind;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program that maps a page of its own executable a second time, away from the image the kernel
 * loaded (fixtures/src/map-self.c; node does this with V8's embedded built-ins: seen here on
 * node 18, 1.6 MiB of /usr/bin/node mapped again at 0x7f...). The second mapping starts mid-file,
 * where no loader starts an image: it is listed as its own object, read by shape with the reason
 * said, and takes no anonymous memory after it for the file's bss (read as an image of the file,
 * it took the next two anonymous pages as the segments' copied last pages). The image itself
 * still matches its prediction. Expected values from the process's own /proc/PID/maps.
 */
class MappedAgainLiveTest {
    @ParameterizedTest
    @ValueSource(strings = {"r", "rx"})
    void aPageOfTheProgramMappedAgainIsItsOwnObject(String prot, @TempDir Path dir) throws Exception {
        Path program = build(dir);
        try (FixtureProcess run = FixtureProcess.run(List.of(program.toString(), prot))) {
            List<String> mine = Files.readAllLines(Path.of("/proc", Integer.toString(run.pid()), "maps")).stream()
                    .filter(l -> l.endsWith(program.toString())).toList();
            // the kernel's image (several entries, the first at offset 0), then the one page mapped again
            String again = mine.get(mine.size() - 1);
            assertThat(again).contains(prot.equals("rx") ? " r-xp " : " r--p ").doesNotContain(" 00000000 ");

            AddressImage image = Explainer.explain(new Source.Pid(run.pid()));
            List<ObjectImage> objects = image.objects().stream().filter(o -> o.path().equals(program.toString())).toList();
            assertThat(objects).hasSize(2);
            ObjectImage loaded = objects.get(0);
            assertThat(loaded.prediction().orElseThrow().status()).as("%s", loaded.prediction())
                    .isEqualTo(Prediction.Status.MATCH);

            ObjectImage second = objects.get(1);
            assertThat(second.vszBytes()).isEqualTo(4096); // the page, and nothing after it
            if (prot.equals("rx")) {
                assertThat(second.byKind()).containsOnlyKeys(Kind.TEXT);
                assertThat(second.prediction().orElseThrow().reason().orElseThrow())
                        .isInstanceOfSatisfying(Prediction.Unavailable.FileUnusable.class,
                                f -> assertThat(f.problem()).isEqualTo(Prediction.FileProblem.MAPPED_AGAIN));
            } else {
                // a read-only page of a file is a mapped file, not text: no verdict to give
                assertThat(second.byKind()).doesNotContainKey(Kind.TEXT).doesNotContainKey(Kind.BSS);
            }
        }
    }

    /**
     * Without an image of the file below, an entry that does not start an image is read as one
     * whose first entries are missing (a capture cut short, a header page unmapped) and checked:
     * libfix's first entry taken out of a real capture leaves a mismatch at the right base, not a
     * mapping "no loader made".
     */
    @org.junit.jupiter.api.Test
    void aLibraryWhoseFirstEntryIsGoneIsStillReadAsItsImage(@TempDir Path dir) throws Exception {
        String lib = FixtureProcess.BIN.resolve("libfix-glibc.so").toAbsolutePath().toString();
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", "libfix-glibc.so")) {
            List<String> maps = new java.util.ArrayList<>(
                    Files.readAllLines(Path.of("/proc", Integer.toString(run.pid()), "maps")));
            String first = maps.stream().filter(l -> l.endsWith(lib)).findFirst().orElseThrow();
            assertThat(first).contains(" 00000000 ");
            long base = Long.parseUnsignedLong(first.substring(0, first.indexOf('-')), 16);
            maps.remove(first);
            Path capture = Files.write(dir.resolve("cut.maps"), maps);
            ObjectImage o = Explainer.explain(new Source.Capture(capture)).objects().stream()
                    .filter(x -> x.path().equals(lib)).findFirst().orElseThrow();
            assertThat(o.prediction().orElseThrow().status()).isEqualTo(Prediction.Status.MISMATCH);
            assertThat(o.base()).hasValue(base);
        }
    }

    private static Path build(Path dir) throws Exception {
        Assumptions.assumeTrue(Tools.has("gcc", "--version"), "gcc is not installed: map-self is built live");
        Path out = dir.resolve("map-self");
        Process cc = new ProcessBuilder("gcc", "-O1", "-o", out.toString(),
                Path.of("fixtures/src/map-self.c").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String said = new String(cc.getInputStream().readAllBytes());
        assertThat(cc.waitFor()).as(said).isZero();
        return out;
    }
}
