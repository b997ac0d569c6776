package org.elfmap.pages;

import org.elfmap.output.pages.PageText;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.space.PageSize;
import org.junit.jupiter.api.Test;

/**
 * check-pages says, next to the alignment problem of a 4 KiB-aligned 64-bit library at 16 KiB,
 * what bionic's 16 KiB app-compat mode gives it (BionicModelTest.Compat works the layout out from
 * linker_phdr_16kib_compat.cpp), or why even that mode refuses it.
 */
class CompatNoteTest {
    static final Path BIONIC = Path.of("src/test/resources/fixtures/bionic");

    @Test
    void aFourKiBLibraryIsReadIntoAnonymousMemory() throws Exception {
        Map<String, FileVerdict> v = CheckPagesTest.verdicts(CheckPagesTest.at16k(), BIONIC.resolve("lib4k.so"),
                BIONIC.resolve("compat-two-relro.so"), BIONIC.resolve("align-2k.so"));
        // lib4k.so: a 0x8000 reservation, [0, 0x4000) r-x and [0x4000, 0x8000) rw-
        assertThat(v.get("lib4k.so").notes()).map(PageText::note).anyMatch(n -> n.contains("app-compat mode")
                && n.contains("32 KiB: 16 KiB r-x with text, rodata and RELRO, 16 KiB rw-")
                && n.contains("no page of it is shared with the file"));
        // two PT_GNU_RELRO: IsEligibleFor16KiBAppCompat's "Multiple RELRO segments found"
        assertThat(v.get("compat-two-relro.so").notes()).map(PageText::note).anyMatch(n -> n.contains("still cannot load it")
                && n.endsWith("Compat loading failed: Multiple RELRO segments found"));
        // 2 KiB: the mode is asked for only when min_align_ == 4096 (ElfReader::Read)
        assertThat(v.get("align-2k.so").notes()).map(PageText::note).noneMatch(n -> n.contains("app-compat"));
    }

    @Test
    void onlyAtSixteenKiB() throws Exception {
        Map<String, FileVerdict> v = CheckPagesTest.verdicts(new CheckOptions(PageSize.P64K, false, List.of(),
                Optional.empty()), BIONIC.resolve("lib4k.so"));
        assertThat(v.get("lib4k.so").notes()).map(PageText::note).noneMatch(n -> n.contains("app-compat"));
    }
}
