package org.elfmap.loader;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.PageSize;

/**
 * What glibc's ld.so refuses to load, in the order it checks, in its own words (the
 * {@code errstring}s of {@code _dl_map_object_from_fd} in {@code elf/dl-load.c} and of
 * {@code _dl_map_segments} in {@code elf/dl-map-segments.h}), as each release has them:
 * <ul>
 * <li>before 2.35, every PT_LOAD's {@code p_align} must be a multiple of the page size and
 *     {@code p_vaddr - p_offset} a multiple of {@code p_align};</li>
 * <li>from 2.35 (commit 163f625cf9, BZ #28688) only {@code p_vaddr - p_offset} a multiple of the
 *     page size: {@code p_align} 0, 0x10 or 2 MiB all load (observed here, glibc 2.36);</li>
 * <li>no PT_LOAD at all; a PT_DYNAMIC missing or with {@code p_filesz} 0 (separate debuginfo);</li>
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

    static Optional<String> of(ElfFile elf, PageSize page, LibcVersion version, List<LoadSegment> loads) {
        for (ProgramHeader p : elf.loads()) {
            Optional<String> bad = version.atLeast(2, 35) ? congruence(p, page) : alignment(p, page);
            if (bad.isPresent()) {
                return bad;
            }
        }
        if (loads.isEmpty()) {
            return Optional.of("object file has no loadable segments");
        }
        boolean dyn = elf.header().type() == ElfHeader.ET_DYN;
        long ld = 0;
        boolean emptyDynamic = false;
        for (ProgramHeader p : elf.programHeaders()) {
            if (p.type() == ProgramHeader.PT_DYNAMIC) {
                emptyDynamic |= p.filesz() == 0;
                ld = p.filesz() == 0 ? ld : p.vaddr();
            }
        }
        if ((ld == 0 && dyn) || emptyDynamic) {
            return Optional.of("object file has no dynamic section (" + (emptyDynamic
                    ? "a PT_DYNAMIC with p_filesz 0, as separate debuginfo files have)" : "no PT_DYNAMIC)"));
        }
        LoadSegment first = loads.get(0);
        LoadSegment last = loads.get(loads.size() - 1);
        if (last.allocEnd() <= first.mapStart()) {
            return Optional.of("failed to map segment from shared object (the last PT_LOAD, segment " + last.index()
                    + ", ends before the first begins: the length of ld.so's first mmap is negative)");
        }
        if (dyn && version.atLeast(2, 36) && holes(loads) && last.mapStart() < first.mapEnd()) {
            return Optional.of(String.format("%s (the first PT_LOAD, segment %d, is mapped from the file up to 0x%x,"
                    + " past the page of the last one, segment %d, at 0x%x)", NOT_PAGE_ALIGNED, first.index(),
                    first.mapEnd(), last.index(), last.mapStart()));
        }
        return Optional.empty();
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

    private static Optional<String> congruence(ProgramHeader p, PageSize page) {
        if (page.offsetIn(p.vaddr() - p.offset()) != 0) {
            return Optional.of(String.format("%s (segment %d: p_vaddr 0x%x and p_offset 0x%x differ by a part of a"
                    + " %s page)", NOT_PAGE_ALIGNED, p.index(), p.vaddr(), p.offset(), page.label()));
        }
        return Optional.empty();
    }

    private static Optional<String> alignment(ProgramHeader p, PageSize page) {
        if ((p.align() & (page.bytes() - 1)) != 0) {
            return Optional.of("ELF load command alignment not page-aligned (segment " + p.index() + ": p_align 0x"
                    + Long.toHexString(p.align()) + " at " + page.label() + " pages)");
        }
        if (((p.vaddr() - p.offset()) & (p.align() - 1)) != 0) {
            return Optional.of("ELF load command address/offset not properly aligned (segment " + p.index() + ")");
        }
        return Optional.empty();
    }
}
