package org.elfmap.space;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a region is, when its kind alone does not say: why a gap exists and what holds it, why a
 * page of a segment is an entry of its own, why bss pages come from the file. Facts only; the
 * sentences are written once, in the output layer ({@code org.elfmap.output.Words}). A region
 * without a note has none of these stories.
 *
 * <p>Notes that a loader model gives its predicted mappings and notes that {@code explain} gives
 * observed ones share these records, so a predicted gap and an observed one read the same.
 */
public sealed interface RegionNote {

    /**
     * Address space between segments (or after the last one), held by the loader's reservation.
     *
     * @param holder       how the loader holds it
     * @param before       kind of the pages just below, when known
     * @param after        kind of the pages just above, when known
     * @param protectionOf for {@link Holder#FILE_WITH_PROT}: the kind of segment whose protection
     *                     the gap has (the first segment's, text's), when it has one
     * @param textsObject  observed in the same VM object as text (FreeBSD's procfs map says)
     */
    record Gap(Holder holder, Optional<Kind> before, Optional<Kind> after, Optional<Kind> protectionOf,
               boolean textsObject) implements RegionNote {
        public Gap(Holder holder) {
            this(holder, Optional.empty(), Optional.empty(), Optional.empty(), false);
        }

        public Gap(Holder holder, Optional<Kind> before, Optional<Kind> after, Optional<Kind> protectionOf) {
            this(holder, before, after, protectionOf, false);
        }
    }

    /**
     * A read-only segment's last, partial file page as an entry of its own: the loader made it
     * writable to clear the bytes past {@code p_filesz} and protected it again, which left a
     * private copy (FreeBSD rtld; glibc when a bss follows).
     *
     * @param segment index of the segment, into the program header table
     * @param of      the kind of the segment whose page it is
     */
    record ZeroedTail(int segment, Kind of) implements RegionNote {
    }

    /** PT_GNU_RELRO: made read-only after relocation. */
    record Relro() implements RegionNote {
    }

    /**
     * Bss pages of a read-only segment mapped from the file rather than from zero pages (musl's
     * {@code map_library} maps anonymous bss only for writable segments).
     */
    record BssFromFile() implements RegionNote {
    }

    /**
     * The kernel's bss ({@code vm_brk_flags} in {@code fs/binfmt_elf.c}) is read-write whatever
     * the segment's flags say.
     */
    record KernelBssWritable() implements RegionNote {
    }

    /**
     * A segment's partial last page as anonymous memory into which the kernel copied the file's
     * fragment (FreeBSD's {@code imgact_elf.c load_section}, or observed so).
     */
    record FragmentCopied() implements RegionNote {
    }

    /** Anonymous memory the loader names: bionic's {@code [anon:.bss]}. */
    record AnonName(String name) implements RegionNote {
    }

    /**
     * Part of bionic's 16 KiB app-compat reservation, which the linker names {@code vmaName}
     * ({@code "PATH (compat loaded)"}): the file's bytes were read into anonymous memory, so none
     * of its pages is shared with the file or with other processes.
     */
    record CompatLoaded(String vmaName) implements RegionNote {
    }

    /**
     * bionic's padding of {@code segment} over the gap to the next one, kept in the segment's own
     * mapping: from the file, with its protection, never touched.
     */
    record Padding(int segment) implements RegionNote {
    }

    /**
     * The same padding as the kernel lists it where page-size migration is on: apart from the
     * segment, as {@code ---p [page size compat]} (the Android kernel's {@code get_pad_vma}), though
     * it is one mapping with the segment; which segment is unknown when classified by shape.
     */
    record PaddingListedApart(OptionalInt segment) implements RegionNote {
    }

    /** Bss of {@code segment} that the kernel merged with neighbouring anonymous memory. */
    record BssMerged(int segment) implements RegionNote {
    }

    /** Pages of a writable segment observed read-only outside PT_GNU_RELRO. */
    record WritableSeenReadOnly() implements RegionNote {
    }

    /** Observed protection that differs from the segment's flags. */
    record ProtDiffers(Prot seen, Prot segment) implements RegionNote {
    }

    /**
     * File pages past the last segment, mapped because the loader's first mapping covers the
     * whole span plus the first segment's file offset (musl's {@code map_len}).
     */
    record PastLastSegment() implements RegionNote {
    }

    /**
     * Classified by the shape of the entries, the file being unreadable: what the shape says
     * (a gap classified by shape is a {@link Gap}).
     */
    record ByShape(Shape shape) implements RegionNote {
    }

    /** Entries that belong to no file: guard, vDSO, vvar, vsyscall. */
    record Special(Pseudo what) implements RegionNote {
    }

    /** How a loader holds the address space of a gap. */
    enum Holder {
        /** glibc: the rest of ld.so's first mapping of the whole span, from the file, first segment's prot. */
        GLIBC_FIRST_MAPPING,
        /** glibc: ld.so's first mapping, made PROT_NONE (file-backed {@code ---p}). */
        FILE_PROT_NONE,
        /** musl: the first mapping of the whole span, left with the first segment's protection. */
        MUSL_FIRST_MAPPING,
        /** FreeBSD rtld up to 7.x: the first mapping of the whole span from the file, first segment's prot. */
        RTLD_FIRST_MAPPING,
        /** FreeBSD 12+ rtld: a MAP_GUARD reservation: address space held, no access, no pages, not in VSZ. */
        GUARD,
        /** A private anonymous PROT_NONE reservation (bionic; FreeBSD 8–11 rtld). */
        ANON_PROT_NONE,
        /** Observed: from the file, with a protection other than none (musl, FreeBSD 7 and before). */
        FILE_WITH_PROT
    }

    /** The shape rules of classification by shape. */
    enum Shape {
        ZEROED_TAIL, RELRO, BSS
    }

    /** Pseudo-objects with a story of their own. */
    enum Pseudo {
        GUARD, VDSO, VVAR, VSYSCALL
    }
}
