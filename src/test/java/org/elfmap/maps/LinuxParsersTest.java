package org.elfmap.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.BadInputException;
import org.elfmap.space.Backing;
import org.junit.jupiter.api.Test;

/** Linux maps, smaps and smaps_rollup, read from this very process (the test JVM) and from text. */
class LinuxParsersTest {
    private static String self(String file) throws IOException {
        return Files.readString(Path.of("/proc/self/" + file), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsThisProcesssMapsLineForLine() throws IOException {
        String text = self("maps");
        Captures c = Captures.parse(MapsFormat.LINUX_MAPS, text, "maps");
        assertThat(c.entries).hasSize((int) text.lines().count());
        MapsEntry vsyscall = c.entries.get(c.entries.size() - 1);
        assertThat(vsyscall.path()).isEqualTo("[vsyscall]");
        assertThat(Long.toHexString(vsyscall.start())).isEqualTo("ffffffffff600000");
        assertThat(vsyscall.backing()).isEqualTo(Backing.ANON);
        MapsEntry libjvm = c.entries.stream().filter(e -> e.path().endsWith("libjvm.so")).findFirst().orElseThrow();
        assertThat(libjvm.object()).matches("[0-9a-f]+:[0-9a-f]+:[0-9]+");
        assertThat(libjvm.backing()).isEqualTo(Backing.FILE);
        assertThat(c.entries).allSatisfy(e -> assertThat(e.usage()).isEmpty());
    }

    @Test
    void smapsEntriesCarryRssAndPssThatAddUpToTheRollup() throws IOException {
        Captures c = Captures.parse(MapsFormat.LINUX_SMAPS, self("smaps"), "smaps");
        Captures r = Captures.parse(MapsFormat.LINUX_SMAPS_ROLLUP, self("smaps_rollup"), "smaps_rollup");
        long rss = c.entries.stream().mapToLong(e -> e.usage().orElseThrow().rssBytes()).sum();
        assertThat(c.entries).hasSizeGreaterThan(50);
        assertThat(rss).isPositive();
        // a running JVM moves a little between the two reads; both must be of the same order
        assertThat((double) r.rollup.rssBytes()).isBetween(rss * 0.8, rss * 1.25);
        assertThat(r.rollup.pssBytes()).isPositive().isLessThanOrEqualTo(r.rollup.rssBytes());
    }

    @Test
    void smapsFieldsAreTakenFromTheirOwnEntry() {
        String text = """
                55f7845ac000-55f7845ae000 r--p 00000000 fe:00 260131                     /usr/bin/cat
                Size:                  8 kB
                Rss:                   8 kB
                Pss:                   4 kB
                Swap:                  0 kB
                AnonHugePages:         0 kB
                VmFlags: rd mr mw me
                55f7845ae000-55f7845b3000 r-xp 00002000 fe:00 260131                     /usr/bin/cat
                Rss:                  20 kB
                Pss:                  10 kB
                Swap:                  4 kB
                """;
        Captures c = Captures.parse(MapsFormat.LINUX_SMAPS, text, "t");
        assertThat(c.entries).hasSize(2);
        assertThat(c.entries.get(0).usage().orElseThrow().pssBytes()).isEqualTo(4096);
        assertThat(c.entries.get(1).usage().orElseThrow().rssBytes()).isEqualTo(20 * 1024);
        assertThat(c.entries.get(1).usage().orElseThrow().swapBytes()).isEqualTo(4096);
        assertThat(c.entries.get(1).offset().getAsLong()).isEqualTo(0x2000);
        assertThat(c.entries.get(1).object()).isEqualTo("fe:00:260131");
    }

    @Test
    void pathsKeepSpacesAndTheDeletedMarkAndAreDecodedAsUtf8() {
        String line = "7f0000000000-7f0000001000 r--p 00000000 fe:00 42    /tmp/a b/caf\u00c3\u00a9.so (deleted)";
        MapsEntry e = LinuxMapsLine.parse(line, "t", 1);
        assertThat(e.path()).isEqualTo("/tmp/a b/café.so (deleted)");
    }

    @Test
    void pathsAreKeptAsTheirBytesAndShownWithInvalidUtf8Escaped() {
        // procfs prints a name's bytes as they are; \xff\xfe is no UTF-8 and must not become U+FFFD
        String line = "7f0000000000-7f0000001000 r--p 00000000 fe:00 42    /tmp/lib\u00ff\u00fe \u00c3\u00a9.so";
        MapsEntry e = LinuxMapsLine.parse(line, "t", 1);
        assertThat(e.name().bytes()).isEqualTo(new byte[] {'/', 't', 'm', 'p', '/', 'l', 'i', 'b', (byte) 0xff,
            (byte) 0xfe, ' ', (byte) 0xc3, (byte) 0xa9, '.', 's', 'o'});
        assertThat(e.path()).isEqualTo("/tmp/lib\\xff\\xfe \u00e9.so");
    }

    @Test
    void aSizeLargerThanItsMappingIsBadInputNotANegativeRss() {
        // 18014398509481983 kB x 1024 is 2^64 - 1024: printed as "RSS -1 KiB" with exit 0 before
        String text = "1000-2000 r--p 00000000 00:00 0\nRss: 18014398509481983 kB\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS, text, "s"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("s:2: Rss 18014398509481983 kB is larger than the mapping (4 kB): not a capture");
        // the kernel counts only pages inside the mapping (smaps_pte_entry): 5 kB of 4 kB is no smaps either
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS,
                "1000-2000 r--p 00000000 00:00 0\nSwap: 5 kB\n", "s")).hasMessageStartingWith("s:2: Swap 5 kB is larger");
        assertThat(Captures.parse(MapsFormat.LINUX_SMAPS, "1000-2000 r--p 00000000 00:00 0\nRss: 4 kB\n", "s")
                .entries.get(0).usage().orElseThrow().rssBytes()).isEqualTo(4096);
        String rollup = "1000-2000 ---p 00000000 00:00 0 [rollup]\nRss: 9007199254740992 kB\nPss: 1 kB\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS_ROLLUP, rollup, "r"))
                .hasMessageStartingWith("r:2: Rss 9007199254740992 kB is larger than any process's address space");
    }

    /**
     * This process's maps read as smaps ({@code --input-format linux-smaps}) has no Rss anywhere:
     * refused at its first line rather than reported with RSS and PSS 0. The kernel writes Size and
     * Rss for every mapping (fs/proc/task_mmu.c, __show_smap): the real smaps passes.
     */
    @Test
    void mapsReadAsSmapsIsRefusedNotZeroRss() throws IOException {
        String maps = self("maps");
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS, maps, "self.maps"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("self.maps:1: not smaps: the mapping on this line has no Size/Rss fields: a maps capture?"
                        + " (--input-format linux-maps reads one)");
        String one = maps.lines().findFirst().orElseThrow() + "\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS, one, "one")).hasMessageStartingWith(
                "one:1: not smaps: the mapping on this line has no Size/Rss fields");
        // fields but no Rss, with a mapping after it: no kernel wrote that either
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS,
                "1000-2000 r--p 00000000 00:00 0\nSize: 4 kB\n2000-3000 r--p 00000000 00:00 0\nRss: 4 kB\n", "s"))
                .hasMessage("s:1: not smaps: the mapping on this line has no Rss field before the next mapping line");
        // a capture cut short after its last mapping's first field is still read
        assertThat(Captures.parse(MapsFormat.LINUX_SMAPS, "1000-2000 r--p 00000000 00:00 0\nRss: 4 kB\n"
                + "2000-3000 r--p 00000000 00:00 0\nSize: 4 kB\n", "cut").entries).hasSize(2);
        assertThat(Captures.parse(MapsFormat.LINUX_SMAPS, self("smaps"), "smaps").entries).isNotEmpty();
    }

    @Test
    void garbageSaysFileAndLine() {
        String text = "55f7845ac000-55f7845ae000 r--p 00000000 fe:00 260131 /usr/bin/cat\nhello world\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_MAPS, text, "cap.maps"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("cap.maps:2: not a maps line");
        assertThatThrownBy(() -> LinuxMapsLine.parse("1000-2000 rwzp 0 fe:00 1", "f", 7))
                .hasMessageContaining("f:7").hasMessageContaining("permissions 'rwzp'");
        assertThatThrownBy(() -> LinuxMapsLine.parse("2000-1000 r--p 0 fe:00 1", "f", 3))
                .hasMessageContaining("f:3").hasMessageContaining("not above");
        assertThatThrownBy(() -> LinuxMapsLine.parse("1000-2000 r--p 0 fe00 1", "f", 3))
                .hasMessageContaining("device 'fe00'");
        assertThatThrownBy(() -> LinuxMapsLine.parse("1000-12345678901234567 r--p 0 fe:00 1", "f", 3))
                .hasMessageContaining("not a 64-bit hex number");
    }

    @Test
    void entriesOutOfOrderAreRejectedWhereTheyBreakOrder() {
        String text = "2000-3000 r--p 00000000 00:00 0\n1000-2000 r--p 00000000 00:00 0\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_MAPS, text, "x"))
                .hasMessageStartingWith("x:2: entry 0x1000-0x2000 starts below");
    }

    @Test
    void smapsFieldBeforeAnyEntryOrWithoutUnitIsAnError() {
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS, "Rss: 4 kB\n", "s"))
                .hasMessageStartingWith("s:1: not smaps");
        String bad = "1000-2000 r--p 00000000 00:00 0\nRss: lots\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.LINUX_SMAPS, bad, "s"))
                .hasMessageStartingWith("s:2: not smaps: expected a size in kB");
    }

    @Test
    void rollupGivesWholeProcessTotals() {
        String text = """
                5592212dc000-7ffe0ecad000 ---p 00000000 00:00 0                          [rollup]
                Rss:                1708 kB
                Pss:                 241 kB
                Pss_Anon:            112 kB
                Swap:                  8 kB
                """;
        Captures c = Captures.parse(MapsFormat.LINUX_SMAPS_ROLLUP, text, "r");
        assertThat(c.entries).isEmpty();
        assertThat(c.rollup.rssBytes()).isEqualTo(1708 * 1024);
        assertThat(c.rollup.pssBytes()).isEqualTo(241 * 1024);
        assertThat(c.rollup.swapBytes()).isEqualTo(8 * 1024);
    }

    @Test
    void formatsAreRecognised() throws IOException {
        assertThat(Captures.detect(self("maps"))).isEqualTo(MapsFormat.LINUX_MAPS);
        assertThat(Captures.detect(self("smaps"))).isEqualTo(MapsFormat.LINUX_SMAPS);
        assertThat(Captures.detect("\n" + self("smaps_rollup"))).isEqualTo(MapsFormat.LINUX_SMAPS_ROLLUP);
        assertThatThrownBy(() -> Captures.detect("not a map\n")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("t:1: not a memory map I know");
    }
}
