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
import org.elfmap.elf.ElfHeader;
import org.elfmap.elf.ProgramHeader;

/**
 * musl's dynamic linker loading a library: {@code ldso/dynlink.c} (1.2.3), {@code map_library}. One
 * mapping of {@code [rd(min vaddr), ru(max vaddr+memsz)) + rd(off_start)} from the file with the
 * lowest segment's protection; every other segment {@code MAP_FIXED} over its memsz-rounded range;
 * anonymous bss only for writable segments; holes are left as they are, so they stay file-backed
 * with the first segment's protection (the seed's FreeBSD-2007 picture on Linux). With DT_TEXTREL
 * the whole mapping is made {@code rwx} and never protected again; {@code reloc_all} then makes
 * the last PT_GNU_RELRO read-only (observed here: {@code textrel.so}, {@code multi-relro.so}).
 * musl checks neither {@code p_align} nor congruence, and maps a file cut short.
 */
public final class MuslModel implements LoaderModel {
    @Override
    public String name() {
        return "musl";
    }

    @Override
    public String summary() {
        return "musl's dynamic linker loading a library (ldso/dynlink.c map_library)";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        List<LoadSegment> loads = LoadSegment.of(elf, page);
        AddressSpace vm = new AddressSpace();
        List<LayoutNote> notes = new ArrayList<>();
        Optional<Refusal> refusal = refusal(elf, loads);
        if (loads.isEmpty()) {
            return ModelSupport.layout(elf, this, page, vm, refusal, notes);
        }
        LoadSegment lowest = loads.get(0);
        long addrMax = 0;
        for (LoadSegment s : loads) {
            if (s.header().vaddr() < lowest.header().vaddr()) {
                lowest = s;
            }
            addrMax = Math.max(addrMax, s.allocEnd());
        }
        long addrMin = page.down(lowest.header().vaddr());
        long offStart = lowest.fileOff();
        // map_len = addr_max - addr_min + off_start: musl over-maps by off_start.
        long mapLen = page.up(addrMax) - addrMin + offStart;
        vm.mapFile(addrMin, addrMin + mapLen, lowest.prot(), offStart, Kind.GAP, lowest.index(),
                new RegionNote.Gap(RegionNote.Holder.MUSL_FIRST_MAPPING));
        // musl makes no call for a segment on the first mapping's first page ("Reuse the existing
        // mapping for the lowest-address LOAD"): its pages are the first mapping, labelled before any
        // MAP_FIXED replaces parts of it. Labelling with map(), which replaces, rather than relabel(),
        // which keeps every entry it crosses, keeps this linear when thousands of segments overlap.
        for (LoadSegment s : loads) {
            if (s.mapStart() == addrMin) {
                fileSegment(vm, s, page, lowest.prot(), offStart);
            }
        }
        for (LoadSegment s : loads) {
            long thisMax = s.allocPageEnd(page);
            if (s.mapStart() != addrMin) {
                fileSegment(vm, s, page, s.prot(), s.fileOff());
            }
            if (s.hasBss() && s.prot().write()) {
                long pgbrk = page.up(s.dataEnd());
                if (pgbrk < thisMax) {
                    vm.mapAnon(pgbrk, thisMax, s.prot(), Kind.BSS, s.index());
                }
            }
        }
        if (elf.dynamicOrEmpty().textrel()) {
            // map_library: mprotect(map, map_len, PROT_READ|PROT_WRITE|PROT_EXEC), never undone
            vm.protect(addrMin, addrMin + mapLen, Prot.RWX);
            notes.add(new LayoutNote.TextRel());
        }
        ModelSupport.protectLastRelro(vm, elf, page);
        return ModelSupport.layout(elf, this, page, vm, refusal, notes);
    }

    /**
     * {@code map_library}'s failures, as {@code dlerror} reports them ("Error loading shared
     * library NAME: " and the errno's text): neither ET_DYN nor ET_EXEC, or no PT_DYNAMIC
     * ({@code dyn}, the last one's address, is 0), is {@code goto noexec} (ENOEXEC, observed here
     * with {@code object.o} and {@code no-dynamic.so}); with no PT_LOAD the first mapping's length comes from
     * {@code addr_min = SIZE_MAX} and an {@code off_start} never set, and that {@code mmap} fails
     * (ENOMEM, observed here).
     */
    static Optional<Refusal> refusal(ElfFile elf, List<LoadSegment> loads) {
        int type = elf.header().type();
        if (type != ElfHeader.ET_DYN && type != ElfHeader.ET_EXEC) {
            return Optional.of(Refusal.of(Refusal.Reason.NOT_EXEC_OR_DYN).saying("Exec format error"));
        }
        if (elf.last(ProgramHeader.PT_DYNAMIC).map(ProgramHeader::vaddr).orElse(0L) == 0) {
            return Optional.of(Refusal.of(Refusal.Reason.NO_DYNAMIC).saying("Exec format error"));
        }
        if (loads.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Reason.NO_LOADABLE_SEGMENTS).saying("Out of memory"));
        }
        return Optional.empty();
    }

    /**
     * {@code [this_min, this_max)} from the file at {@code offset}; musl maps a read-only segment's
     * bss from the file too (only writable ones get anonymous zero pages), so that part is file-backed
     * and labelled bss.
     */
    private static void fileSegment(AddressSpace vm, LoadSegment s, PageSize page, Prot prot, long offset) {
        long thisMin = s.mapStart();
        long thisMax = s.allocPageEnd(page);
        long bssFrom = s.hasBss() && !s.prot().write() ? Math.min(page.up(s.dataEnd()), thisMax) : thisMax;
        vm.mapFile(thisMin, bssFrom, prot, offset, s.kind(), s.index());
        vm.mapFile(bssFrom, thisMax, prot, offset + (bssFrom - thisMin), Kind.BSS, s.index(), new RegionNote.BssFromFile());
    }
}
