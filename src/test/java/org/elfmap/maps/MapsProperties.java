package org.elfmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.elfmap.BadInputException;

/**
 * The capture parsers' contract, over generated input: a well-formed map written in a format's
 * own syntax reads back entry for entry (Linux maps and smaps, the seed's FreeBSD map, procstat
 * -v); lines mixing the formats' pieces at random give entries or a one-line
 * {@link BadInputException} naming the line, never anything else.
 */
class MapsProperties {
    /** One entry as the generators see it: pages from the previous end, length in pages, prot, path. */
    record Spec(long skipPages, long pages, String prot, boolean file, long offsetPages) {
    }

    @Provide
    Arbitrary<List<Spec>> maps() {
        Arbitrary<Spec> one = Combinators.combine(Arbitraries.longs().between(0, 1 << 20),
                Arbitraries.longs().between(1, 1 << 16), Arbitraries.of("r--", "r-x", "rw-", "---", "rwx"),
                Arbitraries.of(true, false), Arbitraries.longs().between(0, 1 << 20)).as(Spec::new);
        return one.list().ofMinSize(1).ofMaxSize(60);
    }

    private static List<long[]> ranges(List<Spec> specs) {
        List<long[]> out = new ArrayList<>();
        long at = 0x400000;
        for (Spec s : specs) {
            long start = at + s.skipPages() * 4096;
            long end = start + s.pages() * 4096;
            out.add(new long[] {start, end});
            at = end;
        }
        return out;
    }

    @Property(tries = 300)
    void linuxMapsAndSmapsReadBack(@ForAll("maps") List<Spec> specs) {
        List<long[]> r = ranges(specs);
        StringBuilder maps = new StringBuilder();
        StringBuilder smaps = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            String line = String.format("%x-%x %sp %08x %s %d%s", r.get(i)[0], r.get(i)[1], s.prot(),
                    s.file() ? s.offsetPages() * 4096 : 0, s.file() ? "fe:01" : "00:00", s.file() ? 1000 + i : 0,
                    s.file() ? "                 /usr/lib/lib" + i + ".so" : "");
            maps.append(line).append('\n');
            long kb = (r.get(i)[1] - r.get(i)[0]) / 1024;
            smaps.append(line).append('\n').append("Size: ").append(kb).append(" kB\nRss: ").append(kb / 2)
                    .append(" kB\nPss: ").append(kb / 4).append(" kB\nVmFlags: rd mr mw me\n");
        }
        for (MapsFormat f : List.of(MapsFormat.LINUX_MAPS, MapsFormat.LINUX_SMAPS)) {
            String text = f == MapsFormat.LINUX_MAPS ? maps.toString() : smaps.toString();
            assertThat(Captures.detect(text)).isEqualTo(f);
            List<MapsEntry> got = Captures.parse(f, text, "p").entries;
            assertThat(got).hasSize(specs.size());
            for (int i = 0; i < specs.size(); i++) {
                MapsEntry e = got.get(i);
                assertThat(e.start()).isEqualTo(r.get(i)[0]);
                assertThat(e.end()).isEqualTo(r.get(i)[1]);
                assertThat(e.perms().toString()).isEqualTo(specs.get(i).prot() + "p");
                assertThat(e.path()).isEqualTo(specs.get(i).file() ? "/usr/lib/lib" + i + ".so" : "");
                if (f == MapsFormat.LINUX_SMAPS) {
                    long kb = (e.end() - e.start()) / 1024;
                    assertThat(e.usage().orElseThrow().rssBytes()).isEqualTo(kb / 2 * 1024);
                }
            }
        }
    }

    @Property(tries = 300)
    void freeBsdMapAndProcstatReadBack(@ForAll("maps") List<Spec> specs) {
        List<long[]> r = ranges(specs);
        StringBuilder map = new StringBuilder();
        StringBuilder procstat = new StringBuilder("  PID              START                END PRT  RES PRES REF SHD FLAG  TP PATH\n");
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            long pages = s.pages();
            // the seed's columns: start end resident privresident obj prot refcnt shadowcnt flags COW NC type path
            map.append(String.format("0x%x 0x%x %d %d 0x%x %s 1 0 0x%x %s NNC %s %s%n", r.get(i)[0], r.get(i)[1],
                    Math.min(pages, 3), 0, 0xffffff0000L + i, s.prot(), s.file() ? 0x1000 : 0x3000,
                    s.file() ? "NCOW" : "COW", s.file() ? "vnode" : "default", s.file() ? "/lib/lib" + i + ".so" : "-"));
            procstat.append(String.format(" 1234 %18s %18s %s %4d %4d %3d %3d %s %s %s%n", "0x" + Long.toHexString(r.get(i)[0]),
                    "0x" + Long.toHexString(r.get(i)[1]), s.prot(), Math.min(pages, 3), 0, 1, 0, "CN---",
                    s.file() ? "vn" : "df", s.file() ? "/lib/lib" + i + ".so" : ""));
        }
        for (MapsFormat f : List.of(MapsFormat.FREEBSD_MAP, MapsFormat.PROCSTAT)) {
            String text = f == MapsFormat.FREEBSD_MAP ? map.toString() : procstat.toString();
            assertThat(Captures.detect(text)).as(text).isEqualTo(f);
            List<MapsEntry> got = Captures.parse(f, text, "p").entries;
            assertThat(got).hasSize(specs.size());
            for (int i = 0; i < specs.size(); i++) {
                assertThat(got.get(i).start()).isEqualTo(r.get(i)[0]);
                assertThat(got.get(i).end()).isEqualTo(r.get(i)[1]);
                assertThat(got.get(i).path()).isEqualTo(specs.get(i).file() ? "/lib/lib" + i + ".so" : got.get(i).path());
            }
        }
    }

    @Provide
    Arbitrary<String> piece() {
        return Arbitraries.of("7f00", "-", "7fff", " ", "r-xp", "rw-p", "---p", "00000000", "fe:01", "123", "/lib/x.so",
                "[heap]", "0x1000", "0x2000", "vnode", "COW", "NCOW", "NNC", "Rss:", "4 kB", "Size:", "\t", "ffffffffff600000",
                "99999999999999999999", "(deleted)", "PID", "START", "-1", "0x", "kB");
    }

    @Property(tries = 1000)
    void anyMixOfPiecesIsEntriesOrAOneLineError(@ForAll("lines") List<List<String>> lines,
                                                @ForAll("formats") MapsFormat format) {
        StringBuilder text = new StringBuilder();
        for (List<String> l : lines) {
            text.append(String.join(" ", l)).append('\n');
        }
        try {
            Captures.parse(format, text.toString(), "mix");
        } catch (BadInputException e) {
            assertThat(e.getMessage()).startsWith("mix").doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<MapsFormat> formats() {
        return Arbitraries.of(MapsFormat.values());
    }

    @Provide
    Arbitrary<List<List<String>>> lines() {
        return piece().list().ofMaxSize(14).list().ofMaxSize(12);
    }
}
