package org.elfmap.loader;

import org.elfmap.space.PageSize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.SegmentRules;
import org.elfmap.testkit.ChildElfmap;
import org.elfmap.testkit.LayoutInvariants;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The most program headers a file may have (65,536 through PN_XNUM), disjoint one-page
     * PT_LOADs: no refusal cuts a model's checks short, so a test of each segment against every
     * earlier one is quadratic (FreeBSD's kernel model took 12 s here under {@code freebsd-kernel@15}
     * when it kept a list of the ranges taken). {@code layout --loader all} must finish in the
     * 64 MiB heap of {@code BoundedResourcesTest}, and every FreeBSD kernel must find no overlap.
     */
    @Test
    void theMostDisjointSegmentsUnderEveryLoader(@TempDir Path tmp) throws Exception {
        byte[] bytes = SyntheticElf.pnXnum(SegmentRules.MAX_PHNUM);
        ElfFile elf = Elf.read(new ArrayByteSource("most.so", bytes));
        for (int v = FreeBsdRelease.OLDEST; v <= FreeBsdRelease.NEWEST; v++) {
            Layout layout = new FreeBsdKernelModel(new FreeBsdRelease(v)).layout(elf, PageSize.P4K);
            assertThat(layout.refusal()).as("FreeBSD " + v).isEmpty();
            assertThat(layout.mappings()).hasSize(SegmentRules.MAX_PHNUM);
        }
        Path most = Files.write(tmp.resolve("most.so"), bytes);
        ChildElfmap all = ChildElfmap.run(tmp, "64m", "layout", "--loader", "all", most.toString());
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(Files.readString(all.outFile(), StandardCharsets.ISO_8859_1))
                .contains("freebsd-kernel@" + FreeBsdRelease.NEWEST);
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
