package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Kind;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object read by shape (its file is not here): a {@code PROT_NONE} anonymous entry after its
 * text is its gap only when more of the object follows (bionic's reservation between segments);
 * else it is anonymous memory, listed in address order with the rest.
 */
class ShapeObjectTest {
    @TempDir
    Path tmp;

    private AddressImage explain(String... lines) throws Exception {
        Path capture = Files.write(tmp.resolve("c.maps"), List.of(lines));
        return Explainer.explain(new Source.Capture(capture), ExplainOptions.defaults());
    }

    private static ObjectImage named(AddressImage image, String path) {
        return image.objects().stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void aReservationFollowedByDataIsTheObjectsGap() throws Exception {
        AddressImage image = explain(
                "7f0000000000-7f0000004000 r-xp 00000000 fe:01 77 /gone/libx.so",
                "7f0000004000-7f0000010000 ---p 00000000 00:00 0",
                "7f0000010000-7f0000011000 rw-p 00004000 fe:01 77 /gone/libx.so");
        assertThat(named(image, "/gone/libx.so").regions()).extracting(Region::kind)
                .containsExactly(Kind.TEXT, Kind.GAP, Kind.DATA);
    }

    @Test
    void aReservationNothingFollowsIsAnonymousMemoryInAddressOrder() throws Exception {
        AddressImage image = explain(
                "7f0000000000-7f0000004000 r-xp 00000000 fe:01 77 /gone/libx.so",
                "7f0000004000-7f0000010000 ---p 00000000 00:00 0",
                "7f0000020000-7f0000021000 rw-p 00000000 00:00 0");
        assertThat(named(image, "/gone/libx.so").regions()).extracting(Region::kind).containsExactly(Kind.TEXT);
        assertThat(named(image, "[anon]").regions()).extracting(Region::start)
                .containsExactly(0x7f0000004000L, 0x7f0000020000L);
    }
}
