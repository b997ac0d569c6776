package org.elfmap.loader;

import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;

/** Rules shared by several loader models: one place for each. */
final class ModelSupport {
    private ModelSupport() {
    }

    /**
     * RELRO after relocation: {@code mprotect(PROT_READ)} over {@code [rd(vaddr), rd(vaddr+memsz))}
     * of the file's first PT_GNU_RELRO; bionic rounds the end up. The FreeBSD and bionic models'
     * rule (glibc and musl take the last one: {@link #protectLastRelro}).
     */
    static void protectRelro(AddressSpace vm, ElfFile elf, PageSize page, boolean roundEndUp) {
        elf.first(ProgramHeader.PT_GNU_RELRO).ifPresent(r -> protectRelro(vm, r, page, roundEndUp));
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
        elf.last(ProgramHeader.PT_GNU_RELRO).ifPresent(r -> protectRelro(vm, r, page, false));
    }

    private static void protectRelro(AddressSpace vm, ProgramHeader r, PageSize page, boolean roundEndUp) {
        long start = page.down(r.vaddr());
        long end = roundEndUp ? page.up(r.vaddr() + r.memsz()) : page.down(r.vaddr() + r.memsz());
        if (end > start) {
            vm.protect(start, end, Prot.R);
            vm.relabel(start, end, m -> m.kind() == Kind.BSS || m.kind() == Kind.GAP ? m
                    : m.with(Kind.RELRO, "PT_GNU_RELRO: read-only after relocation"));
        }
    }

    /** Facts about the segments that every model reports, whatever it then does with them. */
    static List<String> diagnostics(ElfFile elf, PageSize page) {
        List<String> out = new ArrayList<>();
        List<ProgramHeader> loads = elf.loads();
        if (loads.isEmpty()) {
            out.add("no PT_LOAD segments: nothing for a loader to map");
            return out;
        }
        for (int i = 1; i < loads.size(); i++) {
            if (Long.compareUnsigned(loads.get(i).vaddr(), loads.get(i - 1).vaddr()) < 0) {
                out.add("PT_LOAD segments are not in ascending p_vaddr order (segment "
                        + loads.get(i).index() + " after " + loads.get(i - 1).index() + "), as the gABI requires");
                break;
            }
        }
        List<ProgramHeader> sorted = new ArrayList<>(loads);
        sorted.sort(Comparator.comparingLong(ProgramHeader::vaddr));
        for (int i = 1; i < sorted.size(); i++) {
            ProgramHeader a = sorted.get(i - 1);
            ProgramHeader b = sorted.get(i);
            if (a.vaddr() + a.memsz() > b.vaddr()) {
                out.add("PT_LOAD segments " + a.index() + " and " + b.index() + " overlap in memory");
            }
        }
        for (ProgramHeader p : loads) {
            if (page.offsetIn(p.offset()) != page.offsetIn(p.vaddr())) {
                out.add(String.format("segment %d is not congruent: p_offset %% P = 0x%x but p_vaddr %% P = 0x%x"
                        + " at %s pages", p.index(), page.offsetIn(p.offset()), page.offsetIn(p.vaddr()), page.label()));
            }
            long past = elf.bytesPastEnd(p);
            if (past > 0) {
                out.add(String.format("segment %d: its file part runs 0x%x bytes past the end of the %d-byte file:"
                        + " mapped all the same (mmap does not look at the file's size), touching the %d page(s)"
                        + " wholly past the end raises SIGBUS", p.index(), past, elf.size(),
                        pagesPastEnd(elf, p, page)));
            }
            if (p.align() > 1 && Long.bitCount(p.align()) != 1) {
                out.add(String.format("segment %d: p_align 0x%x is not a power of two", p.index(), p.align()));
            } else if (Long.compareUnsigned(p.align(), page.bytes()) < 0) {
                out.add(String.format("segment %d: p_align 0x%x is below the %s page size", p.index(), p.align(),
                        page.label()));
            }
        }
        return out;
    }

    /** Pages of the segment's file mapping that start at or past the end of the file. */
    private static long pagesPastEnd(ElfFile elf, ProgramHeader p, PageSize page) {
        long mapEnd = page.up(p.offset() + p.filesz());
        long firstPast = Math.max(page.up(elf.size()), page.down(p.offset()));
        return Math.max(0, mapEnd - firstPast) / page.bytes();
    }

    /**
     * FreeBSD rtld ({@code map_object.c}) sizes its first mapping from the first and the last
     * PT_LOAD in file order, {@code mapsize = base_vlimit - base_vaddr}: when the last one ends
     * at or before the first one's page, that size is not positive and the {@code mmap} fails.
     */
    static Optional<String> backwardSpan(LoadSegment first, LoadSegment last, PageSize page) {
        if (last.allocPageEnd(page) > first.mapStart()) {
            return Optional.empty();
        }
        return Optional.of("the span from the first PT_LOAD (segment " + first.index() + ") to the end of the last"
                + " (segment " + last.index() + ") has no size: rtld's first mmap fails, nothing is mapped");
    }

    /**
     * For an rtld that reserves the span from the first PT_LOAD to the end of the last before it
     * maps anything (both FreeBSD rtlds): the finished layout when there is no span to reserve
     * (no PT_LOAD: nothing mapped; a backward span: refused), else empty and the caller maps.
     */
    static Optional<Layout> withoutSpan(ElfFile elf, LoaderModel model, PageSize page, List<LoadSegment> loads) {
        AddressSpace none = new AddressSpace();
        if (loads.isEmpty()) {
            return Optional.of(layout(elf, model, page, none, Optional.empty(), List.of()));
        }
        Optional<String> backwards = backwardSpan(loads.get(0), loads.get(loads.size() - 1), page);
        return backwards.map(why -> layout(elf, model, page, none, backwards, List.of()));
    }

    /** The lowest-addressed PT_LOAD's page and the end of the highest one's pages. */
    static long[] span(List<LoadSegment> loads, PageSize page) {
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (LoadSegment s : loads) {
            lo = Math.min(lo, s.mapStart());
            hi = Math.max(hi, s.allocPageEnd(page));
        }
        return new long[] {lo, hi};
    }

    static Layout layout(ElfFile elf, LoaderModel model, PageSize page, AddressSpace vm, Optional<String> refusal,
                         List<String> extra) {
        List<String> diags = diagnostics(elf, page);
        diags.addAll(extra);
        return new Layout(elf, model.name(), page, vm.mappings(), refusal, diags);
    }

    static String gapNote(String how) {
        return "between segments: " + how;
    }
}
