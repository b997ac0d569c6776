package org.elfmap.loader;

import java.util.OptionalInt;

/**
 * Facts about a file's segments worth knowing, and what a model did about them. Values (the
 * alignment, the page size) are read from the layout's file when the output layer writes the
 * sentence ({@code org.elfmap.output.Words}).
 */
public sealed interface LayoutNote {

    /** No PT_LOAD segments: nothing for a loader to map. */
    record NoLoads() implements LayoutNote {
    }

    /** PT_LOADs not in ascending {@code p_vaddr} order, as the gABI requires. */
    record NotAscending(int segment, int after) implements LayoutNote {
    }

    /** Two PT_LOADs overlap in memory. */
    record Overlap(int segment, int other) implements LayoutNote {
    }

    /** {@code p_offset % P != p_vaddr % P}. */
    record NotCongruent(int segment) implements LayoutNote {
    }

    /** {@code p_align} is not a power of two. */
    record AlignNotPowerOfTwo(int segment) implements LayoutNote {
    }

    /** {@code p_align} is below the page size. */
    record AlignBelowPage(int segment) implements LayoutNote {
    }

    /** Bionic's segment padding extended {@code segment} over the gap to {@code next}. */
    record Padded(int segment, int next) implements LayoutNote {
    }

    /**
     * The loader prints a warning and goes on: its own words, verbatim from its source with the
     * file's values filled in (bionic's {@code DL_WARN} for a non-power-of-two {@code p_align}, for
     * W+E segments of an app whose target SDK is below 26).
     */
    record LoaderWarns(OptionalInt segment, String message) implements LayoutNote {
    }

    /**
     * A PT_LOAD alignment below the page size that this loader release does not check (bionic
     * before Android 15 QPR1 at 16 KiB pages): the segments are mapped at the page size anyway,
     * and any whose {@code p_offset} and {@code p_vaddr} differ modulo it get the wrong bytes.
     */
    record AlignUnchecked(long minAlign) implements LayoutNote {
    }

    /** The file asks for bionic's segment padding and does not get it, for {@code why}. */
    record PaddingNotApplied(PaddingBlock why, OptionalInt segment) implements LayoutNote {
    }

    /** Why bionic's linker does not pad ({@code ReadPadSegmentNote}, {@code _extend_load_segment_vma}). */
    enum PaddingBlock {
        /** Before Android 15. */
        RELEASE,
        /** {@code /sys/kernel/mm/pgsize_migration/enabled} does not read 1 (or a 32-bit process, 15 QPR2+). */
        NO_PGSIZE_MIGRATION,
        /** The note's value is 0. */
        NOTE_SAYS_NO,
        /** {@code p_align} above 64 KiB: more padding than the kernel's 4 VMA flag bits can describe. */
        ALIGN_ABOVE_64K,
        /** The 16 KiB app-compat mode never pads. */
        COMPAT_MODE
    }

    /**
     * bionic's {@code ReserveWithAlignmentPadding} on 64-bit: when the library's reservation,
     * placed in a 256 KiB-aligned window, crosses a 2 MiB boundary, the linker keeps a further
     * {@code PROT_NONE} anonymous mapping of {@code 2 MiB * (1 + arc4random_uniform(31))} above it:
     * random, so not among the mappings, and VSZ is that much more.
     *
     * @param chance      whether the window crosses: wherever it lies, or in some of its places
     * @param crossing    for {@link Chance#SOMETIMES}: in how many of the {@code places}
     *                    256 KiB-aligned places inside a 2 MiB region the window crosses
     * @param places      the places a window can take inside 2 MiB
     * @param window      the window: the reservation rounded up to 256 KiB
     * @param minBytes    the smallest gap (2 MiB)
     * @param maxBytes    the largest gap (62 MiB)
     */
    record AslrGap(Chance chance, int crossing, int places, long window, long minBytes, long maxBytes)
            implements LayoutNote {
    }

    /** How sure a random gap is (a window that never crosses gets no note). */
    enum Chance {
        ALWAYS, SOMETIMES
    }

    /**
     * bionic's 16 KiB app-compat mode ({@code linker_phdr_16kib_compat.cpp}): the file is read
     * into one anonymous read-write reservation named {@code "PATH (compat loaded)"}, the load
     * bias moved up by {@code shift} so that the boundary between what ends read-execute and what
     * stays read-write falls on a page; the mappings are relative to the reservation's start.
     *
     * @param shift       bytes the load bias is moved up ({@code perm_boundary_offset})
     * @param boundary    the RX|RW boundary, as a {@code p_vaddr}
     * @param reservation the reservation's size: the span at 16 KiB pages plus one page
     * @param readExecute the bytes from the reservation's start to the boundary ({@code rw_start}):
     *                    what ends read-execute; the rest stays read-write
     */
    record CompatLoaded(long shift, long boundary, long reservation, long readExecute) implements LayoutNote {
    }

    /** DT_TEXTREL: musl makes its whole mapping rwx to relocate the text and leaves it so. */
    record TextRel() implements LayoutNote {
    }

    /**
     * DT_TEXTREL: glibc makes each read-only segment writable to relocate it and protects it again
     * (the pages stay charged to the commit limit).
     */
    record TextRelToggled() implements LayoutNote {
    }

    /**
     * The segment's file part runs past the end of the file: mapped all the same ({@code mmap}
     * does not look at the file's size); touching a page wholly past the end raises SIGBUS.
     */
    record PastEndOfFile(int segment) implements LayoutNote {
    }

    /** An ET_EXEC laid out as {@code ld.so PROGRAM} maps it: glibc refuses to dlopen an executable. */
    record RunByLdSo() implements LayoutNote {
    }

    /** PT_GNU_RELRO present but nothing in the process applies it (a static musl program). */
    record RelroNotApplied() implements LayoutNote {
    }
}
