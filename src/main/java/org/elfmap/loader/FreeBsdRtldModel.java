package org.elfmap.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;
import org.elfmap.space.RegionNote;

/**
 * FreeBSD's rtld mapping a shared object ({@code libexec/rtld-elf/map_object.c},
 * {@code map_object}) as one release did it ({@link FreeBsdRelease}), transcribed call by call:
 *
 * <ol>
 * <li>the scan of the program headers refuses a PT_LOAD whose {@code p_align} fails the release's
 *     check ("PT_LOAD segment %d not page-aligned", {@code %d} counting PT_LOADs from 0), then an
 *     object without PT_DYNAMIC ("object is not dynamically-linked") or without PT_LOAD ("too few
 *     PT_LOAD segments");</li>
 * <li>one {@code mmap} of the span {@code [trunc_page(segs[0]->p_vaddr),
 *     round_page(segs[nsegs]->p_vaddr + p_memsz))}: of the file with the first segment's
 *     protection up to 7.x, anonymous {@code PROT_NONE} in 8–11, {@code MAP_GUARD} from 12;</li>
 * <li>each segment {@code mmap(MAP_FIXED)} from the file, {@code [trunc_page(vaddr),
 *     round_page(vaddr + filesz))} (7.x skips segment 0, already mapped); a length of 0 fails in
 *     8–13 ("mmap of data failed");</li>
 * <li>the tail of the last file page zeroed (every segment up to 7.x, only where {@code filesz !=
 *     memsz} from 8.0), a read-only page by write-toggling it, which leaves it a private entry;</li>
 * <li>the bss pages: {@code mprotect} of the reservation in 8.x, {@code mmap(MAP_ANON)} otherwise;</li>
 * <li>after relocation, RELRO by the release's rule ({@link FreeBsdRelease#relroRange}).</li>
 * </ol>
 * Gaps keep whatever the reservation was: file pages with text's protection (counted in VSZ),
 * anonymous {@code PROT_NONE} (counted), or guard entries ({@code vm_map_insert} adds to
 * {@code map->size} only without {@code MAP_ENTRY_GUARD}: not counted).
 */
public final class FreeBsdRtldModel implements LoaderModel {
    static final String NOT_PAGE_ALIGNED = "PT_LOAD segment %d not page-aligned";
    static final String NOT_DYNAMIC = "object is not dynamically-linked";
    static final String TOO_FEW_LOADS = "too few PT_LOAD segments";
    static final String DATA_MMAP_FAILED = "mmap of data failed: Invalid argument";
    static final String SPAN_MMAP_FAILED = "mmap of entire address space failed: Invalid argument";

    private final FreeBsdRelease release;

    public FreeBsdRtldModel(FreeBsdRelease release) {
        this.release = release;
    }

    public FreeBsdRelease release() {
        return release;
    }

    @Override
    public String name() {
        return release.rtldName();
    }

    @Override
    public String summary() {
        String gaps = switch (release.reservation()) {
            case FILE -> "gaps file-backed with text's protection";
            case ANON -> "gaps anonymous PROT_NONE, counted in VSZ";
            default -> "gaps MAP_GUARD entries, not in VSZ";
        };
        return release + " rtld (" + gaps + ")";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        List<LoadSegment> loads = LoadSegment.of(elf, page);
        Optional<Refusal> refusal = scan(elf, page);
        if (loads.isEmpty()) {
            return ModelSupport.layout(elf, this, page, new AddressSpace(), refusal, List.of());
        }
        LoadSegment first = loads.get(0);
        LoadSegment last = loads.get(loads.size() - 1);
        Optional<Refusal> backwards = ModelSupport.backwardSpan(first, last, page);
        if (backwards.isPresent()) {
            return ModelSupport.layout(elf, this, page, new AddressSpace(),
                    refusal.or(() -> backwards.map(r -> r.saying(SPAN_MMAP_FAILED))), List.of());
        }
        AddressSpace vm = new AddressSpace();
        reserve(vm, first, last, page);
        List<LayoutNote> notes = new ArrayList<>();
        for (LoadSegment s : loads) {
            boolean remap = release.reservation() != Backing.FILE || s != first;
            if (remap && s.mapEnd() == s.mapStart() && release.zeroLengthMmapFails() && refusal.isEmpty()) {
                refusal = Optional.of(Refusal.of(Refusal.Reason.EMPTY_MAPPING, s.index()).saying(DATA_MMAP_FAILED));
            }
            if (remap) {
                vm.mapFile(s.mapStart(), s.mapEnd(), s.prot(), s.fileOff(), s.kind(), s.index());
            }
            if (!release.zeroesEveryTail() && s.header().filesz() == s.header().memsz()) {
                continue;
            }
            zeroTail(vm, s, page);
            if (release.bssByMprotect()) {
                vm.protect(s.mapEnd(), s.allocPageEnd(page), s.prot());
                vm.relabel(s.mapEnd(), s.allocPageEnd(page), m -> m.as(Kind.BSS).withSegment(OptionalInt.of(s.index())));
            } else {
                vm.mapAnon(s.mapEnd(), s.allocPageEnd(page), s.prot(), Kind.BSS, s.index());
            }
        }
        protectRelro(vm, release, elf, page);
        return ModelSupport.layout(elf, this, page, vm, refusal, notes);
    }

    /** The program-header scan at the top of {@code map_object}, in its order. */
    private Optional<Refusal> scan(ElfFile elf, PageSize page) {
        int nsegs = -1;
        for (ProgramHeader p : elf.programHeaders()) {
            if (p.type() != ProgramHeader.PT_LOAD) {
                continue;
            }
            nsegs++;
            boolean bad = release.alignCheck() == FreeBsdRelease.AlignCheck.BELOW_PAGE
                    ? Long.compareUnsigned(p.align(), page.bytes()) < 0
                    : (p.align() & (page.bytes() - 1)) != 0;
            if (bad) {
                Refusal.Reason why = release.alignCheck() == FreeBsdRelease.AlignCheck.BELOW_PAGE
                        ? Refusal.Reason.ALIGN_BELOW_PAGE : Refusal.Reason.ALIGN_NOT_PAGE_MULTIPLE;
                return Optional.of(Refusal.of(why, p.index()).saying(String.format(NOT_PAGE_ALIGNED, nsegs)));
            }
        }
        if (elf.first(ProgramHeader.PT_DYNAMIC).isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Reason.NO_DYNAMIC).saying(NOT_DYNAMIC));
        }
        if (nsegs < 0) {
            return Optional.of(Refusal.of(Refusal.Reason.NO_LOADABLE_SEGMENTS).saying(TOO_FEW_LOADS));
        }
        return Optional.empty();
    }

    private void reserve(AddressSpace vm, LoadSegment first, LoadSegment last, PageSize page) {
        long end = last.allocPageEnd(page);
        switch (release.reservation()) {
            case FILE -> {
                vm.mapFile(first.mapStart(), end, first.prot(), first.fileOff(), Kind.GAP, first.index(),
                        new RegionNote.Gap(RegionNote.Holder.RTLD_FIRST_MAPPING));
                vm.relabel(first.mapStart(), first.mapEnd(),
                        m -> m.as(first.kind()).withSegment(OptionalInt.of(first.index())));
            }
            case ANON -> vm.reserve(first.mapStart(), end, Backing.ANON, RegionNote.Holder.ANON_PROT_NONE);
            default -> vm.reserve(first.mapStart(), end, Backing.GUARD, RegionNote.Holder.GUARD);
        }
    }

    /**
     * "Clear any BSS in the last page of the segment": a read-only page is made writable, zeroed
     * and protected again, which leaves it a separate, privately copied map entry.
     */
    private static void zeroTail(AddressSpace vm, LoadSegment s, PageSize page) {
        if (s.mapEnd() > s.dataEnd() && !s.prot().write()) {
            ModelSupport.writeToggleTail(vm, s, page);
        }
    }

    /** {@code obj_enforce_relro}: {@code mprotect(relro_page, relro_size, PROT_READ)}. */
    static void protectRelro(AddressSpace vm, FreeBsdRelease release, ElfFile elf, PageSize page) {
        PageRange r = release.relroRange(elf, page);
        ModelSupport.protectRelroRange(vm, r.start(), r.end());
    }
}
