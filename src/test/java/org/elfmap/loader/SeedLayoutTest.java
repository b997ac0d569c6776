package org.elfmap.loader;

import org.elfmap.output.Words;
import org.elfmap.space.PageSize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Test;

/**
 * The 2007 FreeBSD post (shared/seed): the same library's program headers on amd64 (max-page-size
 * 1 MiB) and i386 (4 KiB), mapped by FreeBSD 6/7's rtld. The post counted a 255-page gap on amd64
 * and none on i386; its procfs map showed text, a 1-page private r-x entry, the gap and data.
 */
class SeedLayoutTest {
    static ElfFile amd64() throws IOException {
        byte[] b = SyntheticElf.elf64()
                .load(0x0, 0x0, 0xd7051, 0xd7051, "rx", 1 << 20)
                .load(0xd7060, 0x1d7060, 0x1a010, 0x32df8, "rw", 1 << 20)
                .bytes();
        return Elf.read(new ArrayByteSource("seed-amd64.so", b));
    }

    static ElfFile i386() throws IOException {
        byte[] b = SyntheticElf.elf32()
                .load(0x0, 0x0, 0xca5d2, 0xca5d2, "rx", 1 << 12)
                .load(0xca5e0, 0xcb5e0, 0x53f0, 0x1b404, "rw", 1 << 12)
                .bytes();
        return Elf.read(new ArrayByteSource("seed-i386.so", b));
    }

    private static String row(Mapping m) {
        return String.format("%x-%x %s %s %s %d", m.start(), m.end(), m.prot(), m.kind(), m.backing(),
                m.length() / 4096);
    }

    @Test
    void amd64UnderFreeBsd2007HasTheSeedsFourEntriesAndA255PageGap() throws IOException {
        Layout l = Loaders.named("freebsd-2007").layout(amd64(), PageSize.P4K);
        assertThat(l.mappings()).map(SeedLayoutTest::row).containsExactly(
                "0-d7000 r-x text file 215",
                "d7000-d8000 r-x zeroed-tail file 1",
                "d8000-1d7000 r-x gap file 255",
                "1d7000-1f2000 rw- data file 27",
                "1f2000-20a000 rw- bss anon 24");
        assertThat(l.gapBytes()).isEqualTo(255 * 4096L);
        // the gap is the first mapping's file pages continued: offset follows the text's
        assertThat(l.mappings().get(2).fileOffset()).hasValue(0xd8000);
        assertThat(l.vszBytes()).isEqualTo(0x20a000);
    }

    @Test
    void i386UnderFreeBsd2007HasNoGap() throws IOException {
        Layout l = Loaders.named("freebsd-2007").layout(i386(), PageSize.P4K);
        assertThat(l.mappings()).map(SeedLayoutTest::row).containsExactly(
                "0-ca000 r-x text file 202",
                "ca000-cb000 r-x zeroed-tail file 1",
                "cb000-d1000 rw- data file 6",
                "d1000-e7000 rw- bss anon 22");
        assertThat(l.gapBytes()).isZero();
    }

    @Test
    void theTablePrintsTheSeedsArithmetic() throws IOException {
        List<String> amd = Loaders.named("freebsd-2007").layout(amd64(), PageSize.P4K).gapArithmetic().stream()
                .map(Words::gapArithmetic).toList();
        assertThat(amd).containsExactly(
                "vend0 = rd(0x0) + ru(0xd7051) = 0xd8000; gap = rd(0x1d7060) - vend0 = 0x1d7000 - 0xd8000 = 255 pages");
        List<String> i386 = Loaders.named("freebsd-2007").layout(i386(), PageSize.P4K).gapArithmetic().stream()
                .map(Words::gapArithmetic).toList();
        assertThat(i386).containsExactly(
                "vend0 = rd(0x0) + ru(0xca5d2) = 0xcb000; gap = rd(0xcb5e0) - vend0 = 0xcb000 - 0xcb000 = 0 pages");
    }

    @Test
    void todaysLoadersTreatTheSameGapDifferently() throws IOException {
        ElfFile elf = amd64();
        // glibc: the gap stays file-backed but PROT_NONE; no zeroed-tail entry (no bss in text)
        Layout glibc = Loaders.named("glibc").layout(elf, PageSize.P4K);
        assertThat(glibc.mappings()).map(SeedLayoutTest::row).contains("d8000-1d7000 --- gap file 255");
        // musl: file-backed with text's protection, as FreeBSD did in 2007; merged with text in maps
        Layout musl = Loaders.named("musl").layout(elf, PageSize.P4K);
        assertThat(musl.mappings()).map(SeedLayoutTest::row).contains("d8000-1d7000 r-x gap file 255");
        assertThat(KernelMerge.merge(musl.mappings()).get(0).end()).isEqualTo(0x1d7000);
        // current FreeBSD: a MAP_GUARD entry, not counted in VSZ
        Layout fbsd = Loaders.named("freebsd").layout(elf, PageSize.P4K);
        assertThat(fbsd.mappings()).map(SeedLayoutTest::row).contains("d8000-1d7000 --- gap guard 255");
        assertThat(fbsd.vszBytes()).isEqualTo(0x20a000 - 255 * 4096L);
        // the kernel: a hole, no mapping at all
        Layout kernel = Loaders.named("linux-kernel").layout(elf, PageSize.P4K);
        assertThat(kernel.gapBytes()).isZero();
        assertThat(kernel.vszBytes()).isEqualTo(0x20a000 - 255 * 4096L);
    }
}
