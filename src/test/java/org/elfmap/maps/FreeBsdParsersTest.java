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
    void readsCheriBsdWithCapabilityPermissionColumns() throws IOException {
        // real procstat vm of CheriBSD (fixtures/maps/README.md): PRT "%-5s" r w x then R W for
        // KVME_PROT_READ_CAP/WRITE_CAP (CheriBSD's procstat_vm.c); the capability columns are not the
        // pages' protection
        String text = fixture("cheribsd-print-more-cheri.procstat");
        assertThat(Captures.detect(text)).isEqualTo(MapsFormat.PROCSTAT);
        Captures c = Captures.parse(MapsFormat.PROCSTAT, text, "cheri");
        assertThat(c.entries).hasSize(13);
        assertThat(c.entries.get(1).perms().toString()).isEqualTo("r-x");
        assertThat(c.entries.get(2).perms().toString()).isEqualTo("rw-");
        MapsEntry guard = c.entries.get(10);
        assertThat(guard.backing()).isEqualTo(Backing.GUARD);
        assertThat(guard.perms().toString()).isEqualTo("---");
        assertThat(c.entries.get(12).perms().toString()).isEqualTo("r-x");
        assertThat(c.entries.get(12).backing()).isEqualTo(Backing.FILE); // ph: the shared page
        assertThat(c.entries.get(4).path()).isEqualTo("/libexec/ld-elf.so.1");
        assertThat(c.entries.get(3).path()).isEmpty();
    }

    @Test
    void readsEveryReleasesFlagColumn() throws IOException {
        // 8.x "%2s" FL (C N), 10.x "%4s" FL (C N S U/D), 14 "%-5s" FLAG (C N S U/D W) and type gd
        for (String f : new String[] {"freebsd8-prog.procstat", "freebsd10-prog.procstat", "freebsd14-prog.procstat"}) {
            String text = fixture(f);
            assertThat(Captures.detect(text)).as(f).isEqualTo(MapsFormat.PROCSTAT);
            Captures c = Captures.parse(MapsFormat.PROCSTAT, text, f);
            MapsEntry gap = c.entries.get(4);
            assertThat(gap.start()).isEqualTo(0x800202000L);
            assertThat(gap.backing()).as(f).isEqualTo(f.startsWith("freebsd14") ? Backing.GUARD : Backing.ANON);
            assertThat(c.entries.get(3).path()).isEqualTo("/usr/local/lib/libgap.so.1");
        }
    }

    @Test
    void readsCheriBsdsVerboseReservationColumnQuarantineAndPidlessLines() {
        // CheriBSD's -v -v: "%5s %*s %*s %*s %-5s ..." with RESERV; kve_pid 0 printed as "-"; type qu;
        // flag letters G (guard) and c (holds capabilities)
        String text = """
                  PID              START                END             RESERV PRT    RES PRES REF SHD FLAG   TP PATH
                 1013           0x100000           0x101000           0x100000 r--R-    1    3   3   0 CN---- vn /bin/x
                    -           0x200000           0x201000           0x200000 rw-RW    1    1   1   0 -----c qu
                 1013           0x300000           0x400000           0x300000 -----    0    0   0   0 G----- gd
                """;
        Captures c = Captures.parse(MapsFormat.PROCSTAT, text, "v");
        assertThat(c.entries).hasSize(3);
        assertThat(c.entries.get(0).path()).isEqualTo("/bin/x");
        assertThat(c.entries.get(1).backing()).isEqualTo(Backing.ANON);
        assertThat(c.entries.get(2).backing()).isEqualTo(Backing.GUARD);
    }

    @Test
    void aCapabilityColumnThatIsNotRwIsRefused() {
        String bad = " 1 0x1000 0x2000 r-xQ- 1 1 1 0 CN--- vn /a\n";
        assertThatThrownBy(() -> Captures.parse(MapsFormat.PROCSTAT, bad, "p"))
                .hasMessageStartingWith("p:1: not a procstat -v line: protection 'r-xQ-'");
    }
}
