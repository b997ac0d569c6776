package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.cli.CliRun;
import org.elfmap.testkit.SyntheticElf;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One validation for a file's bytes and for a listing of it (issue 16 item 11): the headers of a
 * crafted file, listed by the real {@code readelf -lW}, are refused by {@link ProgramHeaderListing}
 * with the same reason {@link Elf} gives for the file, and {@code explain}/{@code compare} of the
 * listing fail in one line (they used to accept memsz below filesz, or crash with "internal error:
 * empty mapping" on a vaddr near 2^64).
 */
class ListingValidationTest {
    @TempDir
    Path tmp;


    private static List<String> readelf(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("readelf", "-lW", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        return lines;
    }

    /** The file refused by the byte reader, its readelf listing by the listing reader, for the same rule. */
    private void bothRefused(SyntheticElf crafted, String rule) throws Exception {
        Path file = crafted.write(tmp.resolve("crafted"));
        assertThatThrownBy(() -> Elf.read(file)).isInstanceOf(ElfFormatException.class).hasMessageContaining(rule);
        assumeTrue(Tools.runs("readelf", "--version"), "readelf (binutils) lists the crafted file");
        List<String> listing = readelf(file);
        assertThat(listing).as("readelf lists the headers").anyMatch(l -> l.trim().startsWith("LOAD"));
        assertThatThrownBy(() -> ProgramHeaderListing.parse(listing, "listing"))
                .isInstanceOf(BadInputException.class).hasMessageContaining(rule);
        Path text = Files.write(tmp.resolve("crafted.readelf"), listing);
        CliRun.of("explain", text.toString()).failsWith(rule).oneErrorLine();
        CliRun.of("compare", text.toString(), text.toString()).failsWith(rule).oneErrorLine();
    }

    @Test
    void aSegmentNearTwoToTheSixtyFourIsRefusedInAListingAsInAFile() throws Exception {
        bothRefused(SyntheticElf.elf64().load(0, 0xfffffffffffff000L, 0x100, 0x100, "rx", 0x1000),
                "ends beyond the address space");
    }

    @Test
    void memszBelowFileszIsRefusedInAListingAsInAFile() throws Exception {
        bothRefused(SyntheticElf.elf64().load(0, 0x400000, 0x2000, 0x100, "rx", 0x1000), "exceeds p_memsz");
    }

    @Test
    void anElf32SegmentPastFourGigabytesIsRefusedInAListingAsInAFile() throws Exception {
        bothRefused(SyntheticElf.elf32().load(0, 0xfffff000L, 0x100, 0x2000, "rw", 0x1000),
                "ends beyond the address space");
    }

    @Test
    void aRelroPastTheAddressSpaceIsRefusedInAListingAsInAFile() throws Exception {
        bothRefused(SyntheticElf.elf64().load(0, 0x400000, 0x100, 0x100, "r", 0x1000)
                .phdr(ProgramHeader.PT_GNU_RELRO, "r", 0, 0x7ffffffffffff000L, 0, 0x2000, 1), "PT_GNU_RELRO 1");
    }

    @Test
    void objdumpListingsKeepTheSameRules() {
        List<String> lines = List.of("Program Header:",
                "    LOAD off    0x0000000000000000 vaddr 0x0000000000400000 paddr 0x0000000000400000 align 2**12",
                "         filesz 0x0000000000002000 memsz 0x0000000000001000 flags r-x");
        assertThatThrownBy(() -> ProgramHeaderListing.parse(lines, "od")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("od:2: ").hasMessageContaining("exceeds p_memsz");
        List<String> huge = List.of("Program Header:",
                "    LOAD off    0x0000000000000000 vaddr 0x0000000000400000 paddr 0x0000000000400000 align 2**99",
                "         filesz 0x0000000000001000 memsz 0x0000000000001000 flags r-x");
        assertThatThrownBy(() -> ProgramHeaderListing.parse(huge, "od")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("od:2: alignment 2**99");
    }

    @Test
    void aListingWithMoreHeadersThanAnyFileIsRefusedWhileRead() {
        List<String> lines = new ArrayList<>();
        lines.add("Program Headers:");
        for (int i = 0; i <= SegmentRules.MAX_PHNUM; i++) {
            lines.add("  NOTE           0x000000 0x0000000000000000 0x0000000000000000 0x000000 0x000000 R   0x4");
        }
        assertThatThrownBy(() -> ProgramHeaderListing.parse(lines, "many")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("more than " + SegmentRules.MAX_PHNUM + " program headers");
    }

    @Test
    void noUncheckedElfFileCanBeBuilt() {
        ElfHeader h = new ElfHeader(64, ByteOrder.LITTLE_ENDIAN, 0, ElfHeader.ET_DYN, 62, 0, 0, 0, 0, 56, 1, 0, 0);
        ProgramHeader bad = new ProgramHeader(0, ProgramHeader.PT_LOAD, 5, 0, 0xfffffffffffff000L, 0, 0x100, 0x100,
                0x1000);
        assertThatThrownBy(() -> new ElfFile("made", 0x100, h, List.of(bad), Optional.empty(), List.of(),
                Optional.empty())).isInstanceOf(ElfFormatException.class).hasMessageContaining("address space");
        ElfHeader weird = new ElfHeader(-1, ByteOrder.LITTLE_ENDIAN, 0, ElfHeader.ET_DYN, 62, 0, 0, 0, 0, 56, 0, 0, 0);
        assertThatThrownBy(() -> new ElfFile("made", 0x100, weird, List.of(), Optional.empty(), List.of(),
                Optional.empty())).isInstanceOf(ElfFormatException.class).hasMessageContaining("ELF class");
    }

    /** Issue 16 item 15: e_ident[EI_CLASS] is unsigned; 0xff used to be shown as -1. */
    @Test
    void anUnknownElfClassIsShownAsTheByteItIs() throws Exception {
        byte[] b = SyntheticElf.elf64().load(0, 0x400000, 0x100, 0x100, "rx", 0x1000).bytes();
        b[4] = (byte) 0xff;
        Path f = Files.write(tmp.resolve("class-ff"), b);
        CliRun.of("layout", f.toString()).failsWith("unknown ELF class 255").oneErrorLine();
        b[4] = 2;
        b[5] = (byte) 0xfe;
        Files.write(f, b);
        CliRun.of("layout", f.toString()).failsWith("unknown ELF data encoding 254").oneErrorLine();
    }
}
