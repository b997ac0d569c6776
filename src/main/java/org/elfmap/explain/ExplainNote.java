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
     * A program ({@code path}) that the process's dynamic linker mapped, not the kernel: it was
     * run as {@code ld.so PROGRAM} (glibc's rtld.c, {@code rtld_is_main}), so it was checked
     * against {@code loader}: the kernel's model did not match the entries and the linker's did.
     * {@code exeIsLinker}: a live process's {@code /proc/PID/exe} says so too (it names another
     * file than the program, the linker); false for a capture, or when it cannot tell.
     */
    record ProgramMappedByLinker(String path, String loader, boolean exeIsLinker) implements ExplainNote {
    }

    /**
     * A live process's object ({@code path}) whose ELF was read through
     * {@code /proc/PID/map_files/START-END}, the mapped file itself, because its name does not
     * lead to it: {@code why} (deleted, a memfd, another file at that path now).
     */
    record ReadThroughMapFiles(String path, org.elfmap.space.Prediction.FileProblem why) implements ExplainNote {
    }

    /**
     * No {@code --page-size} was given and the capture's entries all lie on {@code page}
     * boundaries, or one lies off the default's: it was taken at {@code page} (CapturePage), and
     * the files are laid out at it.
     */
    record PageSizeFromCapture(PageSize page) implements ExplainNote {
    }
}
