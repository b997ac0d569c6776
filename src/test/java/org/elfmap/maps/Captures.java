package org.elfmap.maps;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.space.Usage;
import org.elfmap.space.PageSize;

/** Test helper: runs a parser over text and collects what it emits. */
final class Captures {
    final List<MapsEntry> entries = new ArrayList<>();
    Usage rollup;

    static Captures parse(MapsFormat format, String text, String where) {
        Captures c = new Captures();
        LineReader in = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), where);
        format.parser(PageSize.P4K).parse(in, new EntrySink() {
            @Override
            public void entry(MapsEntry e) {
                c.entries.add(e);
            }

            @Override
            public void rollup(Usage totals) {
                c.rollup = totals;
            }
        });
        return c;
    }

    static MapsFormat detect(String text) {
        LineReader in = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "t");
        return MapsFormat.detect(in, PageSize.P4K).orElseThrow();
    }
}
