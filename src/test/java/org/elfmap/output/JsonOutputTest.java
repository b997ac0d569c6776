package org.elfmap.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
    private static String written(Consumer<JsonOutput> body) {
        StringWriter s = new StringWriter();
        JsonOutput j = new JsonOutput(new PrintWriter(s));
        j.startObject();
        body.accept(j);
        j.endObject();
        j.close();
        return s.toString();
    }

    /** hex() writes from a buffer: the same text as the string Hex.of spells, for every value. */
    @Property(tries = 3000)
    void hexIsWhatHexOfSpells(@ForAll long v) {
        assertThat(written(j -> j.hex("vaddr", v))).isEqualTo(written(j -> j.field("vaddr", Hex.of(v))));
    }

    @Test
    void hexEdges() {
        assertThat(written(j -> j.hex("a", 0).hex("b", 0xf).hex("c", 0x10).hex("d", -1)))
                .contains("\"a\" : \"0x0\"", "\"b\" : \"0xf\"", "\"c\" : \"0x10\"", "\"d\" : \"0xffffffffffffffff\"");
    }

    /**
     * Names are quoted once and kept only when plain ASCII: a name with a C1 control or a
     * bidirectional override is escaped by elfmap's rules every time it is written.
     */
    @Test
    void unusualNamesAreEscapedEveryTime() {
        String name = "lib\u202eevil";
        for (int i = 0; i < 2; i++) {
            assertThat(written(j -> j.field(name, 1L).startObject(name).endObject()))
                    .contains("\"lib\\u202eevil\" : 1", "\"lib\\u202eevil\" : { }")
                    .doesNotContain("\u202e");
        }
        assertThat(written(j -> j.field("say \"hi\"", "x"))).contains("\"say \\\"hi\\\"\" : \"x\"");
    }

    /** A name carrying a byte that is not UTF-8 is shown \xNN in every kind of field, as values are. */
    @Test
    void carriedBytesInNamesAreShownAsEscapes() {
        String name = org.elfmap.space.RawNames.carried(new byte[] {'s', 'u', 'r', (byte) 0xff, 'L'});
        assertThat(written(j -> j.field(name, 1L).field(name, true).nullField(name).field(name, "v").hex(name, 1)))
                .contains("\"sur\\\\xffL\" : 1", "\"sur\\\\xffL\" : true", "\"sur\\\\xffL\" : null",
                        "\"sur\\\\xffL\" : \"v\"", "\"sur\\\\xffL\" : \"0x1\"")
                .doesNotContain("\\udcff");
    }
}
