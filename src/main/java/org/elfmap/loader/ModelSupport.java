package org.elfmap.loader;

import org.elfmap.space.Refusal;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;

/** Rules shared by several loader models: one place for each. */
final class ModelSupport {
    private ModelSupport() {
    }

    /**
     * RELRO as glibc and musl apply it: each keeps one range per object and every PT_GNU_RELRO
     * overwrites it, so the last one in the table is protected, rounded down at both ends. glibc:
     * {@code _dl_map_object_from_fd} ({@code elf/dl-load.c}) sets {@code l_relro_addr}/{@code
     * l_relro_size} per header, {@code _dl_protect_relro} ({@code elf/dl-reloc.c}); musl 1.2.3:
     * {@code map_library} sets {@code relro_start}/{@code relro_end} per header, {@code reloc_all}
     * protects ({@code ldso/dynlink.c}). Observed here on both with {@code multi-relro.so}.
     */
    static void protectLastRelro(AddressSpace vm, ElfFile elf, PageSize page) {
        elf.last(ProgramHeader.PT_GNU_RELRO).ifPresent(
                r -> protectRelroRange(vm, page.down(r.vaddr()), page.down(r.vaddr() + r.memsz())));
    }

    /**
     * The run-time's {@code mprotect(start, end - start, PROT_READ)} after relocation, whatever
     * rule sized the range (each model's own): the pages become read-only and are called RELRO,
     * except bss and gap pages the range reaches, which are read-only now but hold no relocated
     * data. Nothing for an empty range.
     */
    static void protectRelroRange(AddressSpace vm, long start, long end) {
        if (end > start) {
            vm.protect(start, end, Prot.R);
            vm.relabel(start, end, m -> m.kind() == Kind.BSS || m.kind() == Kind.GAP ? m
                    : m.with(Kind.RELRO, new RegionNote.Relro()));
        }
    }

    /**
     * A read-only segment's last file page made writable to clear the bytes after {@code dataEnd}
     * and protected again: glibc's "Dag nab it" in {@code _dl_map_segments}
     * ({@code elf/dl-map-segments.h}) and FreeBSD rtld's "Clear any BSS in the last page of the
     * segment" ({@code map_object.c}). The write makes the page a private copy, and on Linux the
     * {@code mprotect} charges it to the commit limit (VM_ACCOUNT), so it stays an entry of its own.
     * The caller decides when its loader does it.
     */
    static void writeToggleTail(AddressSpace vm, LoadSegment s, PageSize page) {
        long at = page.down(s.dataEnd());
        vm.protect(at, at + page.bytes(), s.prot().withWrite());
        vm.protect(at, at + page.bytes(), s.prot());
        vm.relabel(at, at + page.bytes(), m -> m.with(Kind.ZEROED_TAIL, new RegionNote.ZeroedTail(s.index(), s.kind())));
    }

    /** Facts about the segments that every model reports, whatever it then does with them. */
    static List<LayoutNote> diagnostics(ElfFile elf, PageSize page) {
        List<LayoutNote> out = new ArrayList<>();
        List<ProgramHeader> loads = elf.loads();
        if (loads.isEmpty()) {
            out.add(new LayoutNote.NoLoads());
            return out;
        }
        for (int i = 1; i < loads.size(); i++) {
            if (Long.compareUnsigned(loads.get(i).vaddr(), loads.get(i - 1).vaddr()) < 0) {
                out.add(new LayoutNote.NotAscending(loads.get(i).index(), loads.get(i - 1).index()));
                break;
            }
        }
        List<ProgramHeader> sorted = new ArrayList<>(loads);
        // own lambda, not Comparator.comparingLong: the JDK's is spun on first use (~5 ms), ours is in the AOT cache
        sorted.sort((a, b) -> Long.compare(a.vaddr(), b.vaddr()));
        for (int i = 1; i < sorted.size(); i++) {
            ProgramHeader a = sorted.get(i - 1);
            ProgramHeader b = sorted.get(i);
            if (a.vaddr() + a.memsz() > b.vaddr()) {
                out.add(new LayoutNote.Overlap(a.index(), b.index()));
            }
        }
        for (ProgramHeader p : loads) {
            if (page.offsetIn(p.offset()) != page.offsetIn(p.vaddr())) {
                out.add(new LayoutNote.NotCongruent(p.index()));
            }
            if (elf.bytesPastEnd(p) > 0) {
                out.add(new LayoutNote.PastEndOfFile(p.index()));
            }
            if (!p.alignIsPowerOfTwo()) {
                out.add(new LayoutNote.AlignNotPowerOfTwo(p.index()));
            } else if (Long.compareUnsigned(p.align(), page.bytes()) < 0) {
                out.add(new LayoutNote.AlignBelowPage(p.index()));
            }
        }
        return out;
    }

    /**
     * FreeBSD rtld ({@code map_object.c}) sizes its first mapping from the first and the last
     * PT_LOAD in file order, {@code mapsize = base_vlimit - base_vaddr}: when the last one ends
     * at or before the first one's page, that size is not positive and the {@code mmap} fails.
     */
    static Optional<Refusal> backwardSpan(LoadSegment first, LoadSegment last, PageSize page) {
        if (last.allocPageEnd(page) > first.mapStart()) {
            return Optional.empty();
        }
        return Optional.of(Refusal.of(Refusal.Reason.EMPTY_SPAN, last.index()));
    }

    /**
     * The lowest-addressed PT_LOAD's page and the end of the highest one's pages (bionic's
     * {@code phdr_table_get_load_size}); empty when there is no PT_LOAD.
     */
    static PageRange span(List<LoadSegment> loads, PageSize page) {
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (LoadSegment s : loads) {
            lo = Math.min(lo, s.mapStart());
            hi = Math.max(hi, s.allocPageEnd(page));
        }
        return new PageRange(lo, hi);
    }

    static Layout layout(ElfFile elf, LoaderModel model, PageSize page, AddressSpace vm, Optional<Refusal> refusal,
                         List<LayoutNote> extra) {
        List<LayoutNote> diags = diagnostics(elf, page);
        diags.addAll(extra);
        return new Layout(elf, model.name(), page, vm.mappings(), refusal, diags);
    }

}
