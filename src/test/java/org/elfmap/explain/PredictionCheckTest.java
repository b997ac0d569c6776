package org.elfmap.explain;

import org.elfmap.output.Words;
import org.elfmap.space.Prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.Layout;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.elfmap.maps.LinuxMapsLine;
import org.elfmap.maps.MapsEntry;
import org.junit.jupiter.api.Test;

/** The verdicts on a real capture: match, a mismatch that names the difference, and unavailable. */
class PredictionCheckTest {
    static final Path CAPTURE = Path.of("src/test/resources/fixtures/maps/glibc-libfix.maps");
    static final ElfFile LIB = Elf.read(Path.of("src/test/resources/fixtures/bin/libfix-glibc.so"));

    static List<MapsEntry> capture() throws Exception {
        List<MapsEntry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(CAPTURE);
        for (int i = 0; i < lines.size(); i++) {
            out.add(LinuxMapsLine.parse(lines.get(i), CAPTURE.toString(), i + 1));
        }
        return out;
    }

    static String libPath(List<MapsEntry> maps) {
        return maps.stream().map(MapsEntry::path).filter(p -> p.endsWith("/libfix-glibc.so")).findFirst().orElseThrow();
    }

    @Test
    void theCapturedLibraryMatchesGlibcAndTheBaseIsItsFirstMapping() throws Exception {
        List<MapsEntry> maps = capture();
        Layout layout = Loaders.named("glibc").layout(LIB, PageSize.P4K);
        PredictionCheck.Outcome o = PredictionCheck.check(maps, libPath(maps), layout);
        assertThat(o.prediction().status()).isEqualTo(Prediction.Status.MATCH);
        long firstStart = maps.stream().filter(e -> e.path().equals(libPath(maps))).findFirst().orElseThrow().start();
        assertThat(o.base()).hasValue(firstStart);
    }

    @Test
    void aWrongModelIsAMismatchThatSaysWhatDiffers() throws Exception {
        List<MapsEntry> maps = capture();
        // under 64 KiB pages every boundary moves: the verdict must say where
        Layout wrong = Loaders.named("glibc").layout(LIB, PageSize.P64K);
        Prediction p = PredictionCheck.check(maps, libPath(maps), wrong).prediction();
        assertThat(p.status()).isEqualTo(Prediction.Status.MISMATCH);
        assertThat(p.differences()).isNotEmpty();
        assertThat(p.differences()).map(Words::difference).allMatch(d -> d.contains("0x"));
    }

    @Test
    void anObjectNotInTheCaptureIsUnavailable() throws Exception {
        Layout layout = Loaders.named("glibc").layout(LIB, PageSize.P4K);
        Prediction p = PredictionCheck.check(capture(), "/nowhere/libx.so", layout).prediction();
        assertThat(p.status()).isEqualTo(Prediction.Status.UNAVAILABLE);
        assertThat(p.reason()).contains(new Prediction.Unavailable.NotObserved("/nowhere/libx.so"));
    }
}
