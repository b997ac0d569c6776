package org.elfmap.explain;

import org.elfmap.space.PageSize;
import org.elfmap.output.Words;
import org.elfmap.space.Region;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.elfmap.space.Kind;
import org.junit.jupiter.api.Test;

/**
 * The 2007 post's procfs map lines: one amd64 library and its i386 build, paths cut short, so
 * no file to read: the entries must come out by their shape as text, zeroed-tail, gap and data,
 * with the page counts the post talks about.
 */
class SeedCaptureTest {
    private static ObjectImage only(String fixture) {
        AddressImage image = Explainer.explain(new Source.Capture(Path.of("src/test/resources/fixtures/maps/" + fixture)));
        assertThat(image.format()).isEqualTo("freebsd-map");
        assertThat(image.objects()).hasSize(1);
        return image.objects().get(0);
    }

    private static List<Kind> kinds(ObjectImage o) {
        return o.regions().stream().map(Region::kind).toList();
    }

    private static List<Long> pages(ObjectImage o) {
        return o.regions().stream().map(r -> r.length() / 4096).toList();
    }

    @Test
    void amd64TextZeroedTailGapData() {
        ObjectImage lib = only("freebsd-amd64-seed.map");
        assertThat(kinds(lib)).containsExactly(Kind.TEXT, Kind.ZEROED_TAIL, Kind.GAP, Kind.DATA);
        assertThat(pages(lib)).containsExactly(90L, 1L, 256L, 18L);
        Region gap = lib.regions().get(2);
        assertThat(Words.regionWithCost(gap, PageSize.P4K)).startsWith("the address space between text and data, reserved from the file by the"
                + " loader with text's protection").contains("256 pages of VSZ").contains("nothing is resident");
        assertThat(lib.byKind().get(Kind.GAP).vszBytes()).isEqualTo(256 * 4096L);
        assertThat(lib.prediction().orElseThrow().status()).isEqualTo(Prediction.Status.UNAVAILABLE);
        assertThat(Words.unavailable(lib.prediction().orElseThrow().reason().orElseThrow())).contains("/usr/local/lib/")
                .contains("classified by shape");
    }

    @Test
    void i386HasNoGap() {
        ObjectImage lib = only("freebsd-i386-seed.map");
        assertThat(kinds(lib)).containsExactly(Kind.TEXT, Kind.ZEROED_TAIL, Kind.DATA);
        assertThat(pages(lib)).containsExactly(83L, 1L, 7L);
        assertThat(lib.byKind()).doesNotContainKey(Kind.GAP);
    }

    @Test
    void theGapIsWhatMakesAmd64Bigger() {
        ObjectImage amd64 = only("freebsd-amd64-seed.map");
        ObjectImage i386 = only("freebsd-i386-seed.map");
        long withoutGap = amd64.vszBytes() - amd64.byKind().get(Kind.GAP).vszBytes();
        assertThat(amd64.vszBytes()).isGreaterThan(3 * i386.vszBytes());
        assertThat(withoutGap).isBetween(i386.vszBytes(), 2 * i386.vszBytes());
    }
}
