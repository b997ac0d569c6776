package org.elfmap.loader;

import org.elfmap.space.Refusal;
import org.elfmap.space.PageSize;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.Note;
import org.elfmap.elf.ProgramHeader;

/**
 * Android's linker: {@code linker/linker_phdr.cpp}. {@code ReserveAddressSpace} takes the span as
 * a private anonymous {@code PROT_NONE} mapping; {@code LoadSegments} maps each PT_LOAD from the
 * file, zeroes a writable segment's partial page and maps the bss anonymously, named
 * {@code [anon:.bss]}; gaps stay {@code PROT_NONE} anonymous. With segment padding (asked for by an
 * {@code NT_ANDROID_TYPE_PAD_SEGMENT} note, applied when 4 KiB &lt; {@code p_align} &le; 64 KiB and
 * the segment has no bss) a segment is extended over the gap to the next one, which is then
 * file-backed with its protection. A library whose smallest PT_LOAD alignment is below the page
 * size is refused (the 16 KiB app-compat mode is not modelled).
 */
public final class BionicModel implements LoaderModel {
    private static final long PAD_MAX_ALIGN = 64 * 1024;

    @Override
    public String name() {
        return "bionic";
    }

    @Override
    public String summary() {
        return "Android's linker (linker_phdr.cpp; PROT_NONE anonymous gaps, optional padding)";
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
        long[] span = ModelSupport.span(loads, page);
        if (span[1] <= span[0]) {
            // phdr_table_get_load_size() == 0: every PT_LOAD has p_memsz 0
            return ModelSupport.layout(elf, this, page, vm, Optional.of(Refusal.of(Refusal.Reason.NO_LOADABLE_SEGMENTS)
                    .saying("has no loadable segments")), notes);
        }
        vm.reserve(span[0], span[1], Backing.ANON, RegionNote.Holder.ANON_PROT_NONE);
        boolean pad = elf.hasNote("Android", Note.NT_ANDROID_TYPE_PAD_SEGMENT);
        List<ProgramHeader> table = elf.programHeaders();
        for (LoadSegment s : loads) {
            ProgramHeader p = s.header();
            long segPageEnd = s.allocPageEnd(page);
            long fileEnd = s.mapEnd();
            if (pad && p.align() > page.bytes() && p.align() <= PAD_MAX_ALIGN && p.memsz() == p.filesz()
                    && p.index() + 1 < table.size() && table.get(p.index() + 1).isLoad()) {
                long nextStart = page.down(table.get(p.index() + 1).vaddr());
                if (segPageEnd < nextStart) {
                    notes.add(new LayoutNote.Padded(p.index(), p.index() + 1));
                    segPageEnd = nextStart;
                    fileEnd = nextStart;
                }
            }
            vm.mapFile(s.mapStart(), fileEnd, s.prot(), s.fileOff(), s.kind(), s.index());
            if (segPageEnd > fileEnd) {
                vm.mapAnon(fileEnd, segPageEnd, s.prot(), Kind.BSS, s.index(), new RegionNote.AnonName(".bss"));
            }
        }
        ModelSupport.protectRelro(vm, elf, page, true);
        return ModelSupport.layout(elf, this, page, vm, refusal, notes);
    }

    /** {@code CheckProgramHeaderAlignment}: the smallest LOAD alignment must reach the page size. */
    static Optional<Refusal> refusal(ElfFile elf, PageSize page) {
        for (ProgramHeader p : elf.loads()) {
            if (p.align() > 1 && Long.bitCount(p.align()) != 1) {
                return Optional.of(Refusal.of(Refusal.Reason.ALIGN_NOT_POWER_OF_TWO, p.index())
                        .saying("invalid p_align 0x" + Long.toHexString(p.align())));
            }
            if (Long.compareUnsigned(p.align(), page.bytes()) < 0) {
                return Optional.of(Refusal.of(Refusal.Reason.ALIGN_BELOW_PAGE, p.index())
                        .saying("program alignment (" + p.align() + ") cannot be smaller than system page size ("
                                + page.bytes() + ")"));
            }
            if (page.offsetIn(p.offset()) != page.offsetIn(p.vaddr())) {
                return Optional.of(Refusal.of(Refusal.Reason.NOT_CONGRUENT, p.index()));
            }
        }
        return Optional.empty();
    }
}
