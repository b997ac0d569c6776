package org.elfmap.loader;

import org.elfmap.space.PageSize;

import static org.assertj.core.api.Assertions.assertThat;

import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.testkit.LayoutInvariants;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The most program headers e_phnum can name without PN_XNUM (65534), arranged to hurt: one-page segments
 * interleaved with segments that all start at the lowest page and cover everything, so every
 * model's "whole span" steps meet tens of thousands of entries. Each model must still finish
 * in bounded time and give a well-formed layout.
 */
class ManySegmentsTest {
    @Test
    @Timeout(60)
    void sixtyFiveThousandInterleavedSegments() throws Exception {
        int n = 0xfffd; // plus PT_GNU_RELRO: 65534, the most without PN_XNUM
        long page = 0x1000;
        long tableEnd = 64 + (long) n * 56;
        SyntheticElf s = SyntheticElf.elf64();
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                s.load(0, 0, 0x100, (long) n * page, "r", page);
            } else {
                s.load(page * i, page * i, 0x10, 0x20, i % 4 == 1 ? "rw" : "rx", page);
            }
        }
        s.phdr(0x6474e552, "r", 0, 0, 0, (long) n * page / 2, 1);
        layOutQuickly(Elf.read(new ArrayByteSource("many.so", s.minSize(tableEnd).bytes())));
    }

    /** A staircase: segment i covers [i pages, n pages), read-only with bss, so each overlaps all later ones. */
    @Test
    @Timeout(60)
    void sixtyFiveThousandStaircaseSegments() throws Exception {
        int n = 0xfffd;
        long page = 0x1000;
        SyntheticElf s = SyntheticElf.elf64();
        for (int i = 0; i < n; i++) {
            s.load(0x10, page * i + 0x10, 0x10, (n - i) * page - 0x10, i % 3 == 0 ? "rw" : "r", page);
        }
        s.phdr(0x6474e552, "r", 0, 0, 0, (long) n * page / 2, 1);
        layOutQuickly(Elf.read(new ArrayByteSource("stairs.so", s.minSize(64 + (long) n * 56).bytes())));
    }

    private static void layOutQuickly(ElfFile elf) {
        for (LoaderModel model : Loaders.ALL) {
            long t0 = System.nanoTime();
            Layout layout = model.layout(elf, PageSize.P4K);
            LayoutInvariants.check(layout);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as(model.name() + " ms").isLessThan(10_000);
        }
    }
}
