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

/**
 * glibc's ld.so (2.35+; 2.36 on this machine) loading an object: {@code elf/dl-load.c}
 * ({@code _dl_map_object_from_fd}) and {@code elf/dl-map-segments.h} ({@code _dl_map_segments}).
 * For a shared object or PIE (ET_DYN):
 * <ol>
 * <li>one mapping of the whole span from the file, first segment's protection;</li>
 * <li>holes between file parts made {@code PROT_NONE} (still file-backed: {@code ---p});</li>
 * <li>every later segment mapped {@code MAP_FIXED} with its own protection;</li>
 * <li>only where {@code memsz > filesz}: the partial page zeroed (a read-only page is made
 *     writable for it, then protected again), anonymous bss after it;</li>
 * <li>with DT_TEXTREL, each read-only PT_LOAD made writable for relocation and put back
 *     ({@code _dl_relocate_object}, {@code elf/dl-reloc.c}): charged to the commit limit since;</li>
 * <li>after relocation, the last PT_GNU_RELRO made read-only.</li>
 * </ol>
 * An ET_EXEC, which glibc loads only as {@code ld.so PROGRAM}, gets no reservation: each segment
 * is mapped at its address and holes stay unmapped (observed here with {@code exec-gaps}).
 * What it refuses, by release: {@link GlibcRefusal}.
 */
public final class GlibcModel implements LoaderModel {
    /** The release whose rules apply when none is named: this machine's; mapping is unchanged since. */
    public static final LibcVersion NEWEST = new LibcVersion(2, 36);

    private final LibcVersion version;

    public GlibcModel() {
        this(NEWEST);
    }

    private GlibcModel(LibcVersion version) {
        this.version = version;
    }

    /** glibc's rules as release {@code version} has them. */
    public static GlibcModel of(LibcVersion version) {
        return new GlibcModel(version);
    }

    public LibcVersion version() {
        return version;
    }

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
        Optional<Refusal> refusal = GlibcRefusal.of(elf, page, version, loads);
        if (GlibcRefusal.emptySpan(loads)) {
            return ModelSupport.layout(elf, this, page, vm, refusal, notes);
        }
        if (elf.header().type() == ElfHeader.ET_EXEC) {
            notes.add(new LayoutNote.RunByLdSo());
            for (LoadSegment s : loads) {
                vm.mapFile(s.mapStart(), s.mapEnd(), s.prot(), s.fileOff(), s.kind(), s.index());
                mapBss(vm, s, page);
            }
        } else {
            mapReserved(vm, loads, page);
        }
        if (elf.dynamicOrEmpty().textrel()) {
            // _dl_relocate_object: each read-only PT_LOAD made writable to relocate, then put back
            notes.add(new LayoutNote.TextRelToggled());
            for (LoadSegment s : loads) {
                if (!s.prot().write()) {
                    vm.protect(s.mapStart(), s.allocPageEnd(page), s.prot().withWrite());
                    vm.protect(s.mapStart(), s.allocPageEnd(page), s.prot());
                }
            }
        }
        ModelSupport.protectLastRelro(vm, elf, page);
        return ModelSupport.layout(elf, this, page, vm, refusal, notes);
    }

    /** ET_DYN: {@code _dl_map_segments}' first mapping of the whole span, holes, then each segment. */
    private static void mapReserved(AddressSpace vm, List<LoadSegment> loads, PageSize page) {
        LoadSegment first = loads.get(0);
        LoadSegment last = loads.get(loads.size() - 1);
        vm.mapFile(first.mapStart(), page.up(last.allocEnd()), first.prot(), first.fileOff(), Kind.GAP, first.index(),
                new RegionNote.Gap(RegionNote.Holder.GLIBC_FIRST_MAPPING));
        vm.relabel(first.mapStart(), first.mapEnd(),
                m -> m.as(first.kind()).withSegment(OptionalInt.of(first.index())));
        if (GlibcRefusal.holes(loads)) {
            vm.protect(first.mapEnd(), last.mapStart(), Prot.NONE);
            vm.relabel(first.mapEnd(), last.mapStart(), m -> m.with(Kind.GAP,
                    new RegionNote.Gap(RegionNote.Holder.FILE_PROT_NONE)));
        }
        for (LoadSegment s : loads) {
            if (s != first) {
                vm.mapFile(s.mapStart(), s.mapEnd(), s.prot(), s.fileOff(), s.kind(), s.index());
            }
            mapBss(vm, s, page);
        }
    }

    /**
     * {@code _dl_map_segments}' zero fill, only where {@code allocend > dataend}: the rest of the
     * page holding {@code dataend} is cleared, and a read-only page is made writable for that
     * ("Dag nab it") and protected again. That page becomes a private copy charged to the commit
     * limit (VM_ACCOUNT), so the kernel keeps it as an entry of its own (observed here:
     * {@code ro-bss.so}). Then anonymous zero pages with the segment's protection up to
     * {@code allocend}.
     */
    static void mapBss(AddressSpace vm, LoadSegment s, PageSize page) {
        if (!s.hasBss()) {
            return;
        }
        long zeroPage = Math.min(page.up(s.dataEnd()), s.allocEnd());
        if (zeroPage > s.dataEnd() && !s.prot().write()) {
            ModelSupport.writeToggleTail(vm, s, page);
        }
        if (s.allocEnd() > zeroPage) {
            vm.mapAnon(zeroPage, page.up(s.allocEnd()), s.prot(), Kind.BSS, s.index());
        }
    }
}
