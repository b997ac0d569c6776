package org.elfmap.loader;

import org.elfmap.space.PageSize;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;

/**
 * Current FreeBSD rtld ({@code libexec/rtld-elf/map_object.c}, 12.0+): the span is reserved
 * {@code PROT_NONE} with {@code MAP_GUARD}; each segment is mapped {@code MAP_FIXED} from the file;
 * only a segment with {@code filesz != memsz} has its last page zeroed (a read-only one becomes a
 * {@code zeroed-tail} entry) and gets anonymous bss. Gaps stay guard entries: address space taken,
 * no access, no pages, and not counted in VSZ ({@code sys/vm/vm_map.c} adds only non-guard entries
 * to {@code map->size}).
 */
public final class FreeBsdModel implements LoaderModel {
    @Override
    public String name() {
        return "freebsd";
    }

    @Override
    public String summary() {
        return "current FreeBSD rtld (MAP_GUARD reservation, gaps are guard entries)";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        List<LoadSegment> loads = LoadSegment.of(elf, page);
        Optional<Layout> unmapped = ModelSupport.withoutSpan(elf, this, page, loads);
        if (unmapped.isPresent()) {
            return unmapped.get();
        }
        LoadSegment first = loads.get(0);
        LoadSegment last = loads.get(loads.size() - 1);
        AddressSpace vm = new AddressSpace();
        vm.reserve(first.mapStart(), last.allocPageEnd(page), Backing.GUARD, RegionNote.Holder.GUARD);
        for (LoadSegment s : loads) {
            vm.mapFile(s.mapStart(), s.mapEnd(), s.prot(), s.fileOff(), s.kind(), s.index());
            if (s.header().filesz() != s.header().memsz()) {
                FreeBsd2007Model.zeroTail(vm, s, page, false);
                vm.mapAnon(s.mapEnd(), s.allocPageEnd(page), s.prot(), Kind.BSS, s.index());
            }
        }
        ModelSupport.protectRelro(vm, elf, page, false);
        return ModelSupport.layout(elf, this, page, vm, Optional.empty(), List.of());
    }
}
