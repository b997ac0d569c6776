package org.elfmap.loader;

import org.elfmap.space.PageSize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfFormatException;
import org.elfmap.testkit.LayoutInvariants;
import org.elfmap.testkit.SyntheticElf;

/**
 * Every model on any program header table the reader accepts, including ones no linker writes
 * (segments out of order, overlapping, misaligned, at the top of the address space): a layout
 * comes back, and it is sorted, disjoint, page-aligned, with {@code vszBytes} the sum of its
 * non-guard mappings. Out-of-order and overlapping segments are not errors: the diagnostics say so.
 */
class LayoutProperties {
    private static final List<PageSize> PAGES = List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K);

    /** One program header as drawn: kept small in the file, anywhere in memory. */
    record Seg(int type, String flags, long offset, long vaddr, long filesz, long extra, long align) {
    }

    @Property(tries = 1000)
    void everyModelGivesAWellFormedLayout(@ForAll("tables") List<Seg> segs,
                                          @ForAll boolean is64, @ForAll boolean bigEndian) throws Exception {
        ElfFile elf = build(segs, is64, bigEndian);
        if (elf == null) {
            return; // the reader refused it, with its own error: that is the reader's property
        }
        for (PageSize page : PAGES) {
            for (LoaderModel model : Loaders.ALL) {
                Layout layout = model.layout(elf, page);
                LayoutInvariants.check(layout);
            }
            assertThat(Loaders.defaultFor(elf)).isIn(Loaders.ALL);
        }
    }

    @Property(tries = 200)
    void segmentsOutOfOrderAreDiagnosedNotFatal(@ForAll @IntRange(min = 1, max = 64) int pages) throws Exception {
        long p = 0x1000;
        ElfFile elf = Elf.read(new ArrayByteSource("reversed.so", SyntheticElf.elf64()
                .load(0x2000, 0x2000 + pages * p, 0x100, 0x800, "rw", p)
                .load(0, 0, 0x1000, 0x1000, "rx", p)
                .bytes()));
        for (LoaderModel model : Loaders.ALL) {
            Layout layout = model.layout(elf, PageSize.P4K);
            LayoutInvariants.check(layout);
            assertThat(layout.notes()).as(model.name()).anyMatch(d -> d instanceof LayoutNote.NotAscending);
        }
    }

    @Property(tries = 200)
    void overlappingSegmentsAreDiagnosedNotFatal(@ForAll @IntRange(min = 0, max = 0x3000) int overlap) throws Exception {
        ElfFile elf = Elf.read(new ArrayByteSource("overlap.so", SyntheticElf.elf64()
                .load(0, 0, 0x4000, 0x4000, "rx", 0x1000)
                .load(0x4000, 0x4000 - overlap - 1, 0x100, 0x800, "rw", 0x1000)
                .bytes()));
        for (LoaderModel model : Loaders.ALL) {
            Layout layout = model.layout(elf, PageSize.P4K);
            LayoutInvariants.check(layout);
            assertThat(layout.notes()).as(model.name()).anyMatch(d -> d instanceof LayoutNote.Overlap);
        }
    }

    static ElfFile build(List<Seg> segs, boolean is64, boolean bigEndian) throws Exception {
        SyntheticElf s = SyntheticElf.of(is64, bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long mask = is64 ? -1L : 0xffffffffL;
        for (Seg g : segs) {
            s.phdr(g.type(), g.flags(), g.offset(), g.vaddr() & mask, g.filesz(), (g.filesz() + g.extra()) & mask,
                    g.align());
        }
        try {
            return Elf.read(new ArrayByteSource("drawn.so", s.bytes()));
        } catch (ElfFormatException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<List<Seg>> tables() {
        Arbitrary<Integer> type = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0x6474e552)), // PT_GNU_RELRO
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 4, 6, 7, 0x6474e551)));
        Arbitrary<String> flags = Arbitraries.of("r", "rx", "rw", "rwx", "", "x", "w");
        Arbitrary<Long> offset = Arbitraries.longs().between(0, 0x6000);
        Arbitrary<Long> vaddr = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 0x40000)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 0x40).map(x -> x * 0x1000)),
                // the top of each address space: rounding up must not wrap
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 0x30000).map(x -> (1L << 62) - x)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 0x30000).map(x -> 0x1_0000_0000L - x)));
        Arbitrary<Long> filesz = Arbitraries.longs().between(0, 0x3000);
        Arbitrary<Long> extra = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 0x20000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 1L << 40)));
        Arbitrary<Long> align = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 21).map(b -> 1L << b)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 0x30000)));
        return Combinators.combine(type, flags, offset, vaddr, filesz, extra, align).as(Seg::new).list().ofMaxSize(8);
    }
}
