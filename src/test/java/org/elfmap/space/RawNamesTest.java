package org.elfmap.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names as bytes carried in strings (PEP 383's surrogateescape): every byte sequence survives the
 * round trip, and a carried name opens the file whose name has exactly those bytes.
 */
class RawNamesTest {
    @TempDir
    Path tmp;

    @Property(tries = 2000)
    void anyBytesSurviveTheRoundTrip(@ForAll byte[] bytes) {
        String carried = RawNames.carried(bytes);
        assertThat(RawNames.bytes(carried)).isEqualTo(bytes);
    }

    @Test
    void validUtf8IsDecodedAndOtherBytesAreEscapedWhenShown() {
        byte[] b = {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xff, (byte) 0xfe, '/', 'x'};
        String carried = RawNames.carried(b);
        assertThat(carried).startsWith("a\u00e9");
        assertThat(RawNames.shown(carried)).isEqualTo("a\u00e9\\xff\\xfe/x");
        assertThat(RawPath.of(b, 0, b.length).text()).isEqualTo(RawNames.shown(carried)); // one way to show bytes
        assertThat(org.elfmap.Printable.line(carried)).isEqualTo("a\u00e9\\xff\\xfe/x");
    }

    @Test
    void aCarriedNameOpensItsFileAbsoluteOrRelativeAndIsReadBackFromAPath() throws Exception {
        String name = "n" + (char) 0xdcff + (char) 0xdcfe;
        Path abs = RawNames.path(RawNames.carried(tmp) + "/" + name);
        Files.writeString(abs, "bytes");
        try (var list = Files.list(tmp)) {
            Path listed = list.findFirst().orElseThrow();
            assertThat(listed).isEqualTo(abs);
            assertThat(RawNames.carried(listed)).endsWith(name);
            assertThat(RawNames.shown(listed)).endsWith("/n\\xff\\xfe");
        }
        Path up = RawNames.path(name + "/..");
        assertThat(RawNames.carried(up)).as("not folded away (PathListFuzzTest)").isEqualTo(name + "/..");
        Path rel = RawNames.path("d/" + name);
        assertThat(rel.isAbsolute()).isFalse();
        assertThat(RawNames.carried(rel)).isEqualTo("d/" + name);
        assertThat(Files.readString(tmp.resolve(rel.getFileName()))).isEqualTo("bytes");
    }
}
