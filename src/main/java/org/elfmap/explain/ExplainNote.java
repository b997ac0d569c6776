package org.elfmap.explain;

import org.elfmap.space.ImageNote;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;

/** What {@code explain} wants the reader of an observed image to know. */
public sealed interface ExplainNote extends ImageNote {
    /** A {@code maps} input: no RSS or PSS, only address space is attributed. */
    record NoUsageInMaps() implements ExplainNote {
    }

    /** A {@code smaps_rollup} input: whole-process totals, no entries to attribute. */
    record RollupOnly() implements ExplainNote {
    }

    /**
     * FreeBSD's formats: resident pages are counted per VM object within each entry's range
     * (shared page cache included), and there is no proportional share.
     */
    record FreeBsdResidentCounting() implements ExplainNote {
    }

    /** Entries of non-ELF memory counted in the totals but not listed one by one. */
    record FoldedEntries(long entries) implements ExplainNote {
    }

    /**
     * Files beyond the first {@code limit} file objects: their {@code entries} are counted in the
     * totals under one object, {@code [more files]}, and the files are not read.
     */
    record FilesFolded(long entries, int limit) implements ExplainNote {
    }

    /** {@code [vsyscall]}: the kernel's gate area, not a mapping of the process, takes no VSZ. */
    record VsyscallNotCounted() implements ExplainNote {
    }

    /**
     * Totals taken from {@code smaps_rollup}: smaps rounds each mapping's PSS down to a KiB, so
     * the mappings add up to {@code pssShortBytes} less.
     */
    record RollupTotals(long pssShortBytes) implements ExplainNote {
    }

    /** A program-header listing, laid out by {@code loader} at {@code page}. */
    record Listing(String loader, PageSize page) implements ExplainNote {
    }

    /** The loader that would load a listed object refuses it. */
    record ListingRefused(String loader, Refusal refusal) implements ExplainNote {
    }

    /** {@code top}: some processes' smaps was not readable (not root?), so they count with VSZ only. */
    record SomeSmapsDenied() implements ExplainNote {
    }

    /**
     * FreeBSD: {@code entries} untouched {@code PROT_NONE} entries without a VM object lying
     * between an object's segments were read as rtld's reservation of {@code release}: guards
     * (12+, not in VSZ) or anonymous reservations (8–11, in VSZ); {@code chosen} when the user named
     * the release ({@code --loader freebsd@N}), else it is the current one.
     */
    record FreeBsdGapReading(int release, boolean guards, boolean chosen, long entries) implements ExplainNote {
    }

    /**
     * No {@code --page-size} was given and the capture's entries all lie on {@code page}
     * boundaries, or one lies off the default's: it was taken at {@code page} (CapturePage), and
     * the files are laid out at it.
     */
    record PageSizeFromCapture(PageSize page) implements ExplainNote {
    }
}
