package org.elfmap.space;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why a loader would not load a file. The model still lays the file out as if it had been
 * mapped, so that the numbers can be compared, and says so.
 *
 * @param reason        what in the headers makes the loader give up
 * @param segment       the program header (index into the table) it gives up on, when one
 * @param loaderMessage the loader's own words, verbatim from its source, when it prints any
 *                      (glibc's {@code "ELF load command address/offset not page-aligned"})
 * @param killedBy      the signal that ends the process, when the loader cannot say anything
 *                      (the kernel, failing after exec's point of no return: {@code SIGSEGV})
 */
public record Refusal(Reason reason, OptionalInt segment, Optional<String> loaderMessage, Optional<String> killedBy) {

    public static Refusal of(Reason reason) {
        return new Refusal(reason, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    public static Refusal of(Reason reason, int segment) {
        return new Refusal(reason, OptionalInt.of(segment), Optional.empty(), Optional.empty());
    }

    public Refusal saying(String message) {
        return new Refusal(reason, segment, Optional.of(message), killedBy);
    }

    /** The process dies of {@code signal} instead of hearing why. */
    public Refusal killedBy(String signal) {
        return new Refusal(reason, segment, loaderMessage, Optional.of(signal));
    }

    /** The causes, named for what the headers hold. */
    public enum Reason {
        /** Neither ET_EXEC nor ET_DYN (a relocatable object, a core file): not something a loader maps. */
        NOT_EXEC_OR_DYN,
        /** No PT_LOAD (or every PT_LOAD has {@code p_memsz} 0): nothing to map. */
        NO_LOADABLE_SEGMENTS,
        /** The span from the first PT_LOAD to the end of the last has no size: the first mmap fails. */
        EMPTY_SPAN,
        /** {@code p_align} is not a multiple of the page size. */
        ALIGN_NOT_PAGE_MULTIPLE,
        /** {@code p_align} is not a power of two. */
        ALIGN_NOT_POWER_OF_TWO,
        /** {@code p_align} is below the page size. */
        ALIGN_BELOW_PAGE,
        /** {@code p_vaddr - p_offset} is not a multiple of {@code p_align}. */
        ADDRESS_OFFSET_MISALIGNED,
        /** {@code p_offset % P != p_vaddr % P}: the segment cannot be mapped from the file. */
        NOT_CONGRUENT,
        /** The first PT_LOAD's file part runs past a later PT_LOAD's start. */
        FIRST_SEGMENT_OVERRUNS,
        /** A shared object without PT_DYNAMIC. */
        NO_DYNAMIC,
        /** A PT_DYNAMIC with {@code p_filesz} 0, as {@code objcopy --only-keep-debug} leaves in debuginfo files. */
        EMPTY_DYNAMIC,
        /** A PT_LOAD that is both writable and executable. */
        WRITABLE_AND_EXECUTABLE,
        /** A PT_LOAD whose file part runs past the end of the file. */
        PAST_END_OF_FILE,
        /** A mapping of length 0 that the loader asks for, and that the kernel refuses. */
        EMPTY_MAPPING,
        /** Two PT_LOADs that share a page, where the loader maps each exclusively. */
        SEGMENTS_SHARE_A_PAGE,
        /** bionic's 16 KiB app-compat mode cannot lay the segments out as one read-execute part and one read-write part. */
        NOT_COMPAT_LOADABLE,
        /** Android's padding note with a descriptor that is not one 4-byte word. */
        BAD_PAD_NOTE
    }
}
