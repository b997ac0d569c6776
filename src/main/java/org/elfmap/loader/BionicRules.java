package org.elfmap.loader;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.Note;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.Refusal;

/**
 * The checks and the arithmetic of bionic's {@code ElfReader} ({@code linker/linker_phdr.cpp}),
 * one method per function of the source, each quoting the words the linker prints.
 */
final class BionicRules {
    /** {@code _extend_load_segment_vma}: "The kernel can only represent padding for p_align up to 64KiB". */
    static final long PAD_MAX_ALIGN = 64 * 1024;
    /** {@code kCompatPageSize} ({@code linker_phdr.h}). */
    static final long COMPAT_PAGE = 0x1000;

    private BionicRules() {
    }

    /**
     * {@code CheckProgramHeaderAlignment} (16; {@code phdr_table_get_minimum_alignment} before):
     * the smallest PT_LOAD {@code p_align}, starting from the page size; 0 and 1 ("p_align must be
     * 0, 1, or a positive, integral power of two") and values that are not powers of two are
     * skipped.
     */
    static long minAlign(ElfFile elf, PageSize page) {
        long min = page.bytes();
        for (ProgramHeader p : elf.loads()) {
            if (p.alignIsPowerOfTwo() && Long.compareUnsigned(p.align(), 1) > 0
                    && Long.compareUnsigned(p.align(), min) < 0) {
                min = p.align();
            }
        }
        return min;
    }

    /**
     * Whether {@code ElfReader::Read} asks for the 16 KiB app-compat mode at all: {@code kPageSize
     * == 16*1024 && min_align_ == 4096}. {@code kPageSize} is {@code page_size()}
     * ({@code libc/platform/bionic/page.h}), which is the constant {@code PAGE_SIZE} 4096 wherever
     * {@code bits/page_size.h} defines it, as it does for {@code __arm__} and {@code __i386__}: a
     * 32-bit linker never asks, only a 64-bit one on 16 KiB pages. Whether the mode is then on is
     * the system property or the app's switch ({@link BionicOptions#compat}).
     */
    static boolean compatCandidate(ElfFile elf, PageSize page) {
        return elf.header().is64() && page.bytes() == 16384 && minAlign(elf, page) == 4096;
    }

    /**
     * {@code CheckProgramHeaderAlignment}'s {@code DL_WARN} (Android 16, commit c039e49c7): "The
     * kernel ignores loadable segments with other values, so we just warn rather than reject them."
     */
    static Optional<LayoutNote> alignWarning(ElfFile elf, BionicRelease release) {
        if (!release.warnsNonPowerOfTwo()) {
            return Optional.empty();
        }
        for (ProgramHeader p : elf.loads()) {
            if (!p.alignIsPowerOfTwo()) {
                return Optional.of(new LayoutNote.LoaderWarns(OptionalInt.of(p.index()), String.format(
                        "\"%s\" has invalid p_align %x in phdr %d", elf.name(), p.align(), p.index())));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code LoadSegments} (from 15 QPR1, commit fc89c8ae1): "Only enforce this on 16 KB systems
     * with app compat disabled. Apps may rely on undefined behavior here on 4 KB systems".
     */
    static Optional<Refusal> alignmentRefusal(ElfFile elf, PageSize page, long minAlign) {
        if (page.bytes() < 16384 || minAlign >= page.bytes()) {
            return Optional.empty();
        }
        int seg = elf.loads().stream().filter(p -> p.align() == minAlign).mapToInt(ProgramHeader::index).findFirst()
                .orElse(0);
        return Optional.of(Refusal.of(Refusal.Reason.ALIGN_BELOW_PAGE, seg).saying(String.format(
                "\"%s\" program alignment (%d) cannot be smaller than system page size (%d)", elf.name(), minAlign,
                page.bytes())));
    }

    /** What {@code ReadPadSegmentNote} finds: nothing, a request (1) or a refusal (0), or a malformed note. */
    sealed interface PadNote {
        record Absent() implements PadNote {
        }

        record Value(boolean pad) implements PadNote {
        }

        record Malformed(Refusal refusal) implements PadNote {
        }
    }

    /**
     * {@code ReadPadSegmentNote}: the first {@code NT_ANDROID_TYPE_PAD_SEGMENT} note of owner
     * "Android"; its descriptor must be one word ("NT_ANDROID_TYPE_PAD_SEGMENT note has unexpected
     * n_descsz"), 1 asks for padding. The linker reads it only where page-size migration is on.
     */
    static PadNote padNote(ElfFile elf) {
        for (Note n : elf.notes()) {
            if (!n.is("Android", Note.NT_ANDROID_TYPE_PAD_SEGMENT)) {
                continue;
            }
            byte[] d = n.desc();
            if (d.length != 4) {
                return new PadNote.Malformed(Refusal.of(Refusal.Reason.BAD_PAD_NOTE).saying(String.format(
                        "\"%s\": NT_ANDROID_TYPE_PAD_SEGMENT note has unexpected n_descsz: %d", elf.name(), d.length)));
            }
            boolean little = elf.header().order() == java.nio.ByteOrder.LITTLE_ENDIAN;
            int v = little ? (d[0] & 0xff) | (d[1] & 0xff) << 8 | (d[2] & 0xff) << 16 | (d[3] & 0xff) << 24
                    : (d[3] & 0xff) | (d[2] & 0xff) << 8 | (d[1] & 0xff) << 16 | (d[0] & 0xff) << 24;
            return new PadNote.Value(v == 1);
        }
        return new PadNote.Absent();
    }

    /**
     * What {@code _extend_load_segment_vma} does with one PT_LOAD: extends it ({@code p_filesz}
     * and {@code p_memsz} alike) by {@code bytes} to reach the page of the next program header,
     * or not; {@code alignAbove64K} when the only thing that stopped it was "The kernel can only
     * represent padding for p_align up to 64KiB".
     */
    record Extension(long bytes, boolean alignAbove64K) {
        static final Extension NONE = new Extension(0, false);
    }

    /**
     * {@code _extend_load_segment_vma}: only for {@code kPageSize < p_align <= 64 KiB}, only when
     * the next program header is a PT_LOAD, only without bss, only over a gap.
     */
    static Extension extension(List<ProgramHeader> table, ProgramHeader p, PageSize page) {
        if (Long.compareUnsigned(p.align(), page.bytes()) <= 0) {
            return Extension.NONE;
        }
        int next = p.index() + 1;
        if (next >= table.size() || !table.get(next).isLoad() || p.memsz() != p.filesz()) {
            return Extension.NONE;
        }
        long nextStart = page.down(table.get(next).vaddr());
        long currEnd = page.up(p.vaddr() + p.memsz());
        if (currEnd >= nextStart) {
            return Extension.NONE;
        }
        return Long.compareUnsigned(p.align(), PAD_MAX_ALIGN) > 0 ? new Extension(0, true)
                : new Extension(nextStart - currEnd, false);
    }

    /**
     * {@code LoadSegments}, per PT_LOAD in table order: the file part must lie in the file
     * ("past end of file", the size of the unextended {@code p_filesz}); a segment with file pages
     * that is writable and executable is refused for a target SDK of 26 or more and warned about
     * below ("W + E PT_LOAD segments are not allowed in O").
     *
     * @param fileLength {@code file_end - file_page_start}: 0 means no file pages, no W+E check
     */
    static Optional<Refusal> segmentRefusal(ElfFile elf, ProgramHeader p, long fileLength, BionicOptions o,
                                            List<LayoutNote> notes) {
        if (elf.bytesPastEnd(p) > 0) {
            return Optional.of(Refusal.of(Refusal.Reason.PAST_END_OF_FILE, p.index()).saying(String.format(
                    "invalid ELF file \"%s\" load segment[%d]: p_offset (0x%x) + p_filesz (0x%x) ( = 0x%x) past end of"
                            + " file (0x%x)", elf.name(), p.index(), p.offset(), p.filesz(), p.offset() + p.filesz(),
                    elf.size())));
        }
        Prot prot = Prot.ofElfFlags(p.flags());
        if (fileLength == 0 || !prot.write() || !prot.exec()) {
            return Optional.empty();
        }
        if (o.sdk() >= 26) {
            return Optional.of(Refusal.of(Refusal.Reason.WRITABLE_AND_EXECUTABLE, p.index())
                    .saying(o.release().writableExecutableMessage(elf.name())));
        }
        notes.add(new LayoutNote.LoaderWarns(OptionalInt.of(p.index()),
                "\"" + elf.name() + "\" has load segments that are both writable and executable"));
        return Optional.empty();
    }
}
