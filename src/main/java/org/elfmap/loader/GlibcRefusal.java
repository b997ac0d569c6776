package org.elfmap.loader;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;

/**
 * What glibc's ld.so refuses to load, in the order it checks, in its own words (the
 * {@code errstring}s of {@code _dl_map_object_from_fd} in {@code elf/dl-load.c} and of
 * {@code _dl_map_segments} in {@code elf/dl-map-segments.h}), as each release has them:
 * <ul>
 * <li>before 2.35, every PT_LOAD's {@code p_align} must be a multiple of the page size and
 *     {@code p_vaddr - p_offset} a multiple of {@code p_align};</li>
 * <li>from 2.35 (commit 163f625cf9, BZ #28688) only {@code p_vaddr - p_offset} a multiple of the
 *     page size: {@code p_align} 0, 0x10 or 2 MiB all load (observed here, glibc 2.36);</li>
 * <li>neither ET_DYN nor ET_EXEC ({@code open_verify}); no PT_LOAD at all; a PT_DYNAMIC
 *     missing or with {@code p_filesz} 0 (separate debuginfo);</li>
 * <li>from 2.36 (commit 2c0915cbf5, BZ #28838), with holes between the segments, the first
 *     PT_LOAD's file mapping must end at or before the last one's page.</li>
 * </ul>
 * An ET_EXEC is modelled as {@code ld.so PROGRAM} runs it (glibc refuses to dlopen one:
 * "cannot dynamically load executable").
 */
final class GlibcRefusal {
    static final String NOT_PAGE_ALIGNED = "ELF load command address/offset not page-aligned";

    private GlibcRefusal() {
    }

    static Optional<Refusal> of(ElfFile elf, PageSize page, LibcVersion version, List<LoadSegment> loads) {
        int type = elf.header().type();
        if (type != ElfHeader.ET_DYN && type != ElfHeader.ET_EXEC) {
            // open_verify, before the program headers are looked at
            return Optional.of(Refusal.of(Refusal.Reason.NOT_EXEC_OR_DYN)
                    .saying("only ET_DYN and ET_EXEC can be loaded"));
        }
        for (ProgramHeader p : elf.loads()) {
            Optional<Refusal> bad = version.atLeast(2, 35) ? congruence(p, page) : alignment(p, page);
            if (bad.isPresent()) {
                return bad;
            }
        }
        if (loads.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Reason.NO_LOADABLE_SEGMENTS)
                    .saying("object file has no loadable segments"));
        }
        // l_ld: the last PT_DYNAMIC with contents; empty_dynamic: any PT_DYNAMIC without
        long ld = 0;
        boolean emptyDynamic = false;
        for (ProgramHeader p : elf.programHeaders()) {
            if (p.type() == ProgramHeader.PT_DYNAMIC) {
                emptyDynamic |= p.filesz() == 0;
                ld = p.filesz() == 0 ? ld : p.vaddr();
            }
        }
        if ((ld == 0 && elf.header().type() == ElfHeader.ET_DYN) || emptyDynamic) {
            return Optional.of(Refusal.of(emptyDynamic ? Refusal.Reason.EMPTY_DYNAMIC : Refusal.Reason.NO_DYNAMIC)
                    .saying("object file has no dynamic section"));
        }
        LoadSegment first = loads.get(0);
        LoadSegment last = loads.get(loads.size() - 1);
        if (emptySpan(loads)) {
            return Optional.of(Refusal.of(Refusal.Reason.EMPTY_SPAN, last.index())
                    .saying("failed to map segment from shared object"));
        }
        if (elf.header().type() == ElfHeader.ET_DYN && version.atLeast(2, 36) && holes(loads)
                && last.mapStart() < first.mapEnd()) {
            return Optional.of(Refusal.of(Refusal.Reason.FIRST_SEGMENT_OVERRUNS, last.index())
                    .saying(NOT_PAGE_ALIGNED));
        }
        return Optional.empty();
    }

    /**
     * No span to map: no PT_LOAD, or {@code maplength = c[nloadcmds - 1].allocend - c[0].mapstart}
     * not positive, so {@code _dl_map_segments}' first {@code mmap} fails.
     */
    static boolean emptySpan(List<LoadSegment> loads) {
        return loads.isEmpty() || loads.get(loads.size() - 1).allocEnd() <= loads.get(0).mapStart();
    }

    /** {@code c[-1].mapend != c->mapstart} for some neighbours in file order: glibc's {@code has_holes}. */
    static boolean holes(List<LoadSegment> loads) {
        for (int i = 1; i < loads.size(); i++) {
            if (loads.get(i - 1).mapEnd() != loads.get(i).mapStart()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Refusal> congruence(ProgramHeader p, PageSize page) {
        if (page.offsetIn(p.vaddr() - p.offset()) != 0) {
            return Optional.of(Refusal.of(Refusal.Reason.NOT_CONGRUENT, p.index()).saying(NOT_PAGE_ALIGNED));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> alignment(ProgramHeader p, PageSize page) {
        if ((p.align() & (page.bytes() - 1)) != 0) {
            return Optional.of(Refusal.of(Refusal.Reason.ALIGN_NOT_PAGE_MULTIPLE, p.index())
                    .saying("ELF load command alignment not page-aligned"));
        }
        if (((p.vaddr() - p.offset()) & (p.align() - 1)) != 0) {
            return Optional.of(Refusal.of(Refusal.Reason.ADDRESS_OFFSET_MISALIGNED, p.index())
                    .saying("ELF load command address/offset not properly aligned"));
        }
        return Optional.empty();
    }
}
