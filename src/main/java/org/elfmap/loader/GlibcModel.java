package org.elfmap.loader;

import org.elfmap.space.Refusal;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;

/**
 * glibc's ld.so (2.35+; 2.36 on this machine) loading a shared object: {@code elf/dl-load.c}
 * ({@code _dl_map_object_from_fd}) and {@code elf/dl-map-segments.h} ({@code _dl_map_segments}).
 * <ol>
 * <li>one mapping of the whole span from the file, first segment's protection;</li>
 * <li>holes between file parts made {@code PROT_NONE} (still file-backed: {@code ---p});</li>
 * <li>every later segment mapped {@code MAP_FIXED} with its own protection;</li>
 * <li>only where {@code memsz > filesz}: the partial page zeroed, anonymous bss after it;</li>
 * <li>after relocation, PT_GNU_RELRO made read-only.</li>
 * </ol>
 */
public final class GlibcModel implements LoaderModel {
    @Override
    public String name() {
        return "glibc";
    }

    @Override
    public String summary() {
        return "GNU/Linux ld.so loading a shared library (dl-map-segments.h)";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        List<LoadSegment> loads = LoadSegment.of(elf, page);
        AddressSpace vm = new AddressSpace();
        List<LayoutNote> notes = new ArrayList<>();
        Optional<Refusal> refusal = refusal(elf, page);
        if (loads.isEmpty()) {
            return ModelSupport.layout(elf, this, page, vm, refusal, notes);
        }
        LoadSegment first = loads.get(0);
        LoadSegment last = loads.get(loads.size() - 1);
        long mapLength = last.allocEnd() - first.mapStart();
        if (mapLength <= 0) {
            return ModelSupport.layout(elf, this, page, vm,
                    Optional.of(Refusal.of(Refusal.Reason.EMPTY_SPAN, last.index())), notes);
        }
        // _dl_map_segment: the whole span from the file at the first segment's offset and prot.
        vm.mapFile(first.mapStart(), page.up(first.mapStart() + mapLength), first.prot(), first.fileOff(),
                Kind.GAP, first.index(), new RegionNote.Gap(RegionNote.Holder.GLIBC_FIRST_MAPPING));
        vm.relabel(first.mapStart(), first.mapEnd(), m -> m.as(first.kind()).withSegment(OptionalInt.of(first.index())));
        boolean holes = false;
        for (int i = 1; i < loads.size(); i++) {
            holes |= loads.get(i - 1).mapEnd() != loads.get(i).mapStart();
        }
        if (holes) {
            vm.protect(first.mapEnd(), last.mapStart(), Prot.NONE);
            vm.relabel(first.mapEnd(), last.mapStart(), m -> m.with(Kind.GAP,
                    new RegionNote.Gap(RegionNote.Holder.FILE_PROT_NONE)));
        }
        for (LoadSegment s : loads) {
            if (s != first) {
                vm.mapFile(s.mapStart(), s.mapEnd(), s.prot(), s.fileOff(), s.kind(), s.index());
            }
            mapBss(vm, s, page, notes);
        }
        ModelSupport.protectRelro(vm, elf, page, false);
        return ModelSupport.layout(elf, this, page, vm, refusal, notes);
    }

    /** {@code _dl_map_segments}' bss step: only where {@code allocend > dataend}. */
    static void mapBss(AddressSpace vm, LoadSegment s, PageSize page, List<LayoutNote> notes) {
        if (!s.hasBss()) {
            return;
        }
        long zeroPage = Math.min(page.up(s.dataEnd()), s.allocEnd());
        if (zeroPage > s.dataEnd() && !s.prot().write()) {
            // The page is made writable, zeroed and protected again; Linux merges it back into its
            // neighbours, so maps shows no separate entry (unlike FreeBSD's zeroed-tail).
            notes.add(new LayoutNote.TailWriteToggled(s.index()));
        }
        if (s.allocEnd() > zeroPage) {
            vm.mapAnon(zeroPage, page.up(s.allocEnd()), s.prot(), Kind.BSS, s.index());
        }
    }

    /** The two checks of {@code _dl_map_object_from_fd} that reject a PT_LOAD, with glibc's words. */
    static Optional<Refusal> refusal(ElfFile elf, PageSize page) {
        for (ProgramHeader p : elf.loads()) {
            if ((p.align() & (page.bytes() - 1)) != 0) {
                return Optional.of(Refusal.of(Refusal.Reason.ALIGN_NOT_PAGE_MULTIPLE, p.index())
                        .saying("ELF load command alignment not page-aligned"));
            }
            if (((p.vaddr() - p.offset()) & (p.align() - 1)) != 0) {
                return Optional.of(Refusal.of(Refusal.Reason.ADDRESS_OFFSET_MISALIGNED, p.index())
                        .saying("ELF load command address/offset not properly aligned"));
            }
        }
        return Optional.empty();
    }
}
