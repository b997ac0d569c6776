package org.elfmap.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.Explainer;
import org.elfmap.explain.Source;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.space.AddressImage;
import org.elfmap.space.PageSize;
import org.elfmap.testkit.LayoutInvariants;

/**
 * Any bytes, read as a {@code readelf -lW}/{@code objdump -x} listing: either an {@link ElfFile}
 * that passed the same rules as a file's bytes ({@link SegmentRules}) and whose layout under every
 * model and page size is well formed, or a {@link BadInputException} on one line naming the input,
 * at most a few KiB long. The same bytes go through {@code explain} as a listing, as a user's
 * paste would (issue 16 item 11: a listing with a vaddr near 2^64 crashed {@code explain}).
 *
 * <p>{@code mvn verify} runs the committed inputs in
 * {@code src/test/resources/org/elfmap/elf/ListingFuzzTestInputs/parseAndLayout/} (readelf and
 * objdump listings of real and crafted files, the 2007 post's lines, and every past finding). To
 * fuzz: {@code JAZZER_FUZZ=1 mvn -B test -Dtest=ListingFuzzTest} (docs/reliability.md).
 */
class ListingFuzzTest {
    private static final List<PageSize> PAGES = List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K);

    @FuzzTest(maxDuration = "10m")
    void parseAndLayout(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        ElfFile elf;
        try {
            elf = ProgramHeaderListing.parse(text.lines().toList(), "fuzz.txt").elf();
        } catch (BadInputException e) {
            oneLine(e);
            return;
        }
        for (ProgramHeader p : elf.programHeaders()) {
            if (SegmentRules.problem(elf.header().elfClass(), p).isPresent()) {
                throw new AssertionError("a listing header that a file could not have: " + p);
            }
        }
        for (PageSize page : PAGES) {
            for (LoaderModel model : Loaders.ALL) {
                Layout layout = model.layout(elf, page);
                LayoutInvariants.check(layout);
                layout.gapArithmetic();
            }
        }
        AddressImage image;
        try {
            byte[] forced = ("Program Headers:\n" + text).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            image = Explainer.explain(new Source.Stream(new ByteArrayInputStream(forced), "fuzz.txt"),
                    ExplainOptions.defaults().withFormat(Optional.empty()));
        } catch (BadInputException e) {
            oneLine(e);
            return;
        }
        image.byKind();
        image.vszBytes();
    }

    private static void oneLine(BadInputException e) {
        String m = e.getMessage();
        if (m == null || !m.startsWith("fuzz.txt") || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || m.length() > 4096) {
            throw new AssertionError("message does not name the input on one short line: " + m, e);
        }
    }
}
