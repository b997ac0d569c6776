package org.elfmap.loader;

import org.elfmap.space.PageSize;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;

/**
 * FreeBSD 6/7 rtld, the seed's system: {@code libexec/rtld-elf/map_object.c} before 8.0. One
 * mapping of the whole span from the file with the first segment's protection (the gaps keep it:
 * the seed's {@code [*]} line); later segments {@code MAP_FIXED} from the file; the tail of
 * <em>every</em> segment's last file page zeroed, a read-only one by write-toggling it, which
 * leaves a separate private entry (the seed's 1-page {@code 0x2180} line); anonymous bss.
 */
public final class FreeBsd2007Model implements LoaderModel {
    @Override
    public String name() {
        return "freebsd-2007";
    }

    @Override
    public String summary() {
        return "FreeBSD 6/7 rtld, the 2007 post's system (gaps file-backed, text protection)";
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
        vm.mapFile(first.mapStart(), last.allocPageEnd(page), first.prot(), first.fileOff(), Kind.GAP, first.index(),
                new RegionNote.Gap(RegionNote.Holder.RTLD_FIRST_MAPPING));
        vm.relabel(first.mapStart(), first.mapEnd(), m -> m.as(first.kind()).withSegment(OptionalInt.of(first.index())));
        for (LoadSegment s : loads) {
            if (s != first) {
                vm.mapFile(s.mapStart(), s.mapEnd(), s.prot(), s.fileOff(), s.kind(), s.index());
            }
            zeroTail(vm, s, page, true);
            if (s.allocPageEnd(page) > s.mapEnd()) {
                vm.mapAnon(s.mapEnd(), s.allocPageEnd(page), s.prot(), Kind.BSS, s.index());
            }
        }
        return ModelSupport.layout(elf, this, page, vm, Optional.empty(), new ArrayList<>());
    }

    /**
     * rtld's "Clear any BSS in the last page of the segment": a read-only page is made writable,
     * zeroed and protected again, which leaves it a separate, privately copied map entry.
     */
    static void zeroTail(AddressSpace vm, LoadSegment s, PageSize page, boolean alwaysZero) {
        boolean partial = s.mapEnd() > s.dataEnd();
        boolean wanted = alwaysZero || s.header().filesz() != s.header().memsz();
        if (partial && wanted && !s.prot().write()) {
            long pageStart = page.down(s.dataEnd());
            vm.relabel(pageStart, pageStart + page.bytes(), m -> m.with(Kind.ZEROED_TAIL,
                    new RegionNote.ZeroedTail(s.index(), s.kind())));
        }
    }
}
