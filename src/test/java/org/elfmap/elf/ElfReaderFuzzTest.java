package org.elfmap.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.elfmap.testkit.LayoutInvariants;

/**
 * Any bytes, read as an ELF file: either an {@link ElfFile} whose layout under every model and
 * page size is well formed, or an {@link ElfFormatException}. Anything else (a JDK runtime
 * exception, an error, a timeout, running out of memory) is a finding.
 *
 * <p>In {@code mvn verify} this runs the committed inputs under
 * {@code src/test/resources/org/elfmap/elf/ElfReaderFuzzTestInputs/readAndLayout/} (real small
 * ELF files, truncated copies, hand-made edge cases, and every past finding). To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=ElfReaderFuzzTest} (stops after {@code maxDuration});
 * see docs/reliability.md.
 */
class ElfReaderFuzzTest {
    private static final List<PageSize> PAGES = List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K);

    @FuzzTest(maxDuration = "5m")
    void readAndLayout(byte[] data) throws Exception {
        ElfFile elf;
        try {
            elf = Elf.read(new ArrayByteSource("fuzz.so", data));
        } catch (ElfFormatException e) {
            if (!e.getMessage().startsWith("fuzz.so: ") || e.getMessage().indexOf('\n') >= 0) {
                throw new AssertionError("message does not name the file on one line: " + e.getMessage(), e);
            }
            return;
        }
        for (PageSize page : PAGES) {
            for (LoaderModel model : Loaders.ALL) {
                Layout layout = model.layout(elf, page);
                LayoutInvariants.check(layout);
                layout.gapArithmetic();
            }
        }
        Loaders.defaultFor(elf);
    }
}
