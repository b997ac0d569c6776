package org.elfmap.elf;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What every program header of an {@link ElfFile} satisfies, however it was read: from the file's
 * bytes ({@link Elf}) or from a {@code readelf -lW}/{@code objdump -x} listing
 * ({@link ProgramHeaderListing}). {@link ElfFile}'s constructor checks them, so no unchecked file
 * can exist whoever builds it; a broken rule is an {@link ElfFormatException} that names the
 * program header, which each reader turns into where that header is (a file offset, a listing
 * line). The loader models' arithmetic (page rounding, spans, differences as signed longs) relies
 * on these rules.
 *
 * <p>Source of the rules: Linux {@code fs/binfmt_elf.c} {@code load_elf_binary} (and
 * {@code load_elf_interp}) refuses a PT_LOAD with {@code p_filesz > p_memsz} or one that ends
 * beyond {@code TASK_SIZE} ({@code -EINVAL}: "set_brk can never work. Avoid overflows."); a file
 * range that no file can have (beyond 2^63, or wrapping) cannot be mapped. A file range that only
 * runs past the end of this file is a fact, not a fault ({@link ElfFile#bytesPastEnd}: glibc and
 * musl load such a file; the models decide).
 */
public final class SegmentRules {
    /**
     * Where ELF64 PT_LOAD and PT_GNU_RELRO must end: 2^62, above every user address space (2^57
     * with x86-64 5-level paging), so that the models can round up to any page size (at most
     * 1 GiB) and subtract addresses without leaving a signed long. Kernel images, whose addresses
     * have the top bit set, are not programs any of the modelled loaders load.
     */
    public static final long ADDRESS_LIMIT_64 = 1L << 62;
    /** Where ELF32 segments must end: the 32-bit address space. */
    public static final long ADDRESS_LIMIT_32 = 0xffffffffL;
    /**
     * Program headers in one file: 65,536. Loaders refuse far fewer (the Linux kernel's
     * {@code load_elf_phdrs} reads at most 64 KiB and a page of them, bionic's
     * {@code ReadProgramHeaders} 64 KiB: 1,170 ELF64 headers); a core file has one per VMA plus
     * its notes, and {@code vm.max_map_count} defaults to 65,530. The bound keeps the models' work
     * within the heap elfmap promises: 65,536 one-page PT_LOADs lay out in a 64 MiB heap under
     * every model, where 131,072 needed 1.2 GB under {@code --loader all} (issue 16 item 7).
     */
    public static final int MAX_PHNUM = 1 << 16;
    /** Longer than any real interpreter path (PATH_MAX is 4096), short enough to never matter. */
    public static final int MAX_INTERP = 4096;

    private SegmentRules() {
    }

    /** A broken rule: what, and which program header broke it (empty: the file as a whole). */
    record Problem(String what, OptionalInt header) {
    }

    /** The words for more program headers than {@link #MAX_PHNUM}; {@code count} says how many and how known. */
    static String tooManyHeaders(String count) {
        return "program header count " + count + " is more than any loader or core file has (at most " + MAX_PHNUM
                + ")";
    }

    /** The words for an interpreter path of {@code bytes} bytes, more than {@link #MAX_INTERP}. */
    static String interpreterTooLong(long bytes) {
        return "an interpreter path of " + Long.toUnsignedString(bytes) + " bytes is longer than any path (at most "
                + MAX_INTERP + ")";
    }

    /** Why {@code p} cannot be a header of an ELF file of this class, or empty when it can. */
    public static Optional<String> problem(int elfClass, ProgramHeader p) {
        if (!p.isLoad() && p.type() != ProgramHeader.PT_GNU_RELRO) {
            return Optional.empty();
        }
        long limit = elfClass == 64 ? ADDRESS_LIMIT_64 : ADDRESS_LIMIT_32;
        if (Long.compareUnsigned(p.vaddr(), limit) > 0 || Long.compareUnsigned(p.memsz(), limit - p.vaddr()) > 0) {
            return Optional.of("PT_" + p.typeName() + " " + p.index() + ": p_vaddr 0x" + Long.toHexString(p.vaddr())
                    + " + p_memsz 0x" + Long.toHexString(p.memsz()) + " ends beyond the address space (0x"
                    + Long.toHexString(limit) + ")");
        }
        if (!p.isLoad()) {
            return Optional.empty();
        }
        if (Long.compareUnsigned(p.filesz(), p.memsz()) > 0) {
            return Optional.of("PT_LOAD " + p.index() + ": p_filesz 0x" + Long.toHexString(p.filesz())
                    + " exceeds p_memsz 0x" + Long.toHexString(p.memsz()));
        }
        if (p.offset() < 0 || p.filesz() < 0 || p.filesz() > Long.MAX_VALUE - p.offset()) {
            return Optional.of("PT_LOAD " + p.index() + ": file range [0x" + Long.toHexString(p.offset()) + ", +0x"
                    + Long.toHexString(p.filesz()) + ") ends beyond 2^63, where no file reaches");
        }
        return Optional.empty();
    }

    /** The whole file's problems: the class, the header count, the interpreter's length, each header. */
    static Optional<Problem> problem(ElfHeader h, List<ProgramHeader> phdrs, long fileSize, Optional<String> interp) {
        if (h.elfClass() != 32 && h.elfClass() != 64) {
            return whole("ELF class " + h.elfClass() + " is neither 32 nor 64");
        }
        if (fileSize < 0) {
            return whole("a negative file size");
        }
        if (phdrs.size() > MAX_PHNUM) {
            return whole(tooManyHeaders(Integer.toString(phdrs.size())));
        }
        if (interp.isPresent() && interp.get().length() > MAX_INTERP) {
            return whole(interpreterTooLong(interp.get().length()));
        }
        for (ProgramHeader p : phdrs) {
            Optional<String> bad = problem(h.elfClass(), p);
            if (bad.isPresent()) {
                return Optional.of(new Problem(bad.get(), OptionalInt.of(p.index())));
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> whole(String what) {
        return Optional.of(new Problem(what, OptionalInt.empty()));
    }
}
