package org.elfmap.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.space.Backing;
import org.junit.jupiter.api.Test;

/** FreeBSD's procfs map (the seed's lines) and {@code procstat -v}. */
class FreeBsdParsersTest {
    static String fixture(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/fixtures/maps/" + name), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsTheSeedsAmd64Lines() throws IOException {
        String text = fixture("freebsd-amd64-seed.map");
        assertThat(Captures.detect(text)).isEqualTo(MapsFormat.FREEBSD_MAP);
        Captures c = Captures.parse(MapsFormat.FREEBSD_MAP, text, "seed");
        assertThat(c.entries).hasSize(4);
        MapsEntry gap = c.entries.get(2);
        assertThat(gap.start()).isEqualTo(0x800fbb000L);
        assertThat(gap.end() - gap.start()).isEqualTo(256 * 4096L);
        assertThat(gap.object()).isEqualTo("0xffffff0027ac2540").isEqualTo(c.entries.get(0).object());
        assertThat(gap.perms().toString()).isEqualTo("r-x");
        assertThat(gap.offset()).isEmpty();
        assertThat(gap.path()).isEqualTo("/usr/local/lib/");
        assertThat(gap.usage().orElseThrow().rssBytes()).isEqualTo(18 * 4096L);
        assertThat(c.entries.get(3).prot().write()).isTrue();
    }

    @Test
    void readsThirtyTwoBitAddressesAndLaterReleasesChargeColumns() throws IOException {
        Captures c = Captures.parse(MapsFormat.FREEBSD_MAP, fixture("freebsd-i386-seed.map"), "seed");
        assertThat(c.entries).extracting(MapsEntry::start).containsExactly(0x28284000L, 0x282d7000L, 0x282d8000L);
        String modern = "0x1021000 0x1022000 1 0 0xfffff80003a1b000 r-- 4 2 0x1000 COW NC vnode /bin/cat CH 1001\n"
                + "0x1022000 0x1024000 2 0 0 rw- 0 0 0x0 NCOW NNC none - NCH -1\n";
        Captures m = Captures.parse(MapsFormat.FREEBSD_MAP, modern, "m");
        assertThat(m.entries.get(0).path()).isEqualTo("/bin/cat");
        assertThat(m.entries.get(1).path()).isEmpty();
        assertThat(m.entries.get(1).object()).isEmpty();
        assertThat(m.entries.get(1).backing()).isEqualTo(Backing.ANON);
    }

    @Test
    void garbageInAProcfsMapSaysWhere() {
        String text = "0x1000 0x2000 1 0 0xc0 r-x 1 0 0x0 COW NC vnode /a\n0x2000 0x3000 1 0 0xc0 r-q 1 0 0x0 COW NC vnode /a\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.FREEBSD_MAP, text, "x.map"))
                .hasMessageStartingWith("x.map:2: not a FreeBSD procfs map line: protection 'r-q'");
        assertThatThrownBy(() -> Captures.parse(MapsFormat.FREEBSD_MAP, "0x1000 0x2000 1 0\n", "y"))
                .hasMessageStartingWith("y:1: not a FreeBSD procfs map line");
    }

    @Test
    void readsProcstatWithAndWithoutHeaderAndKnowsGuards() {
        String text = """
                  PID              START                END PRT  RES PRES REF SHD FLAG  TP PATH
                 1234           0x200000           0x203000 r--    3    6   2   1 CN--- vn /usr/bin/cat
                 1234           0x203000           0x208000 r-x    5    6   2   1 CN--- vn /usr/bin/cat
                 1234           0x208000           0x209000 rw-    1    0   1   0 C---- vn /usr/bin/cat
                 1234           0x209000           0x20a000 rw-    1    1   1   0 C---- df
                 1234     0x7fffdffff000     0x7ffffffdf000 ---    0    0   0   0 ----- gd
                """;
        assertThat(Captures.detect(text)).isEqualTo(MapsFormat.PROCSTAT);
        Captures c = Captures.parse(MapsFormat.PROCSTAT, text, "p");
        assertThat(c.entries).hasSize(5);
        assertThat(c.entries.get(1).usage().orElseThrow().rssBytes()).isEqualTo(5 * 4096L);
        assertThat(c.entries.get(3).path()).isEmpty();
        assertThat(c.entries.get(3).backing()).isEqualTo(Backing.ANON);
        assertThat(c.entries.get(4).backing()).isEqualTo(Backing.GUARD);
        assertThat(c.entries.get(0).line()).isEqualTo(2);
    }

    @Test
    void procstatOfSeveralProcessesOrWithGarbageIsRefused() {
        String two = " 1 0x1000 0x2000 r-x 1 1 1 0 CN vn /a\n 2 0x3000 0x4000 r-x 1 1 1 0 CN vn /b\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.PROCSTAT, two, "p"))
                .hasMessageStartingWith("p:2: procstat output of several processes");
        String bad = " 1 0x1000 0x2000 r-x 1 1 1 0 CN xx /a\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.PROCSTAT, bad, "p"))
                .hasMessageStartingWith("p:1: not a procstat -v line: unknown object type 'xx'");
    }

    @Test
    void aResidentCountBeyondAnyAddressSpaceIsBadInputNotAnOverflow() {
        // 999999999999999999 pages x 4096 overflows a long; FreeBSD counts pages within the entry
        String line = "0x1000 0x2000 999999999999999999 0 0x0 r-- 1 0 0x1000 COW NC vnode /bin/cat\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.FREEBSD_MAP, line, "m"))
                .hasMessageStartingWith("m:1: not a FreeBSD procfs map line: resident count 999999999999999999 is"
                        + " more pages than any address space");
    }
}
