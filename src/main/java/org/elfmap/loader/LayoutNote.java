package org.elfmap.loader;

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

    /** The last file page of a read-only segment was write-toggled to zero the start of its bss. */
    record TailWriteToggled(int segment) implements LayoutNote {
    }

    /** Bionic's segment padding extended {@code segment} over the gap to {@code next}. */
    record Padded(int segment, int next) implements LayoutNote {
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
