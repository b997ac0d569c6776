package org.elfmap.pages;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.elf.SectionHeader;

/** Which LOAD a PT_GNU_RELRO belongs to, and whether it is that LOAD's whole content, as elfpolicy decides. */
final class RelroContainer {
    private RelroContainer() {
    }

    /**
     * elfpolicy {@code RelroLoadSegment}: the LOADs sorted by {@code p_vaddr}; the first whose
     * start is at or below RELRO's start and whose successor (none: {@code UINT64_MAX}) starts at
     * or above RELRO's end. Unsigned, as the C++ compares {@code uint64_t}.
     */
    static Optional<ProgramHeader> of(ProgramHeader relro, List<ProgramHeader> loads) {
        List<ProgramHeader> sorted = loads.stream()
                .sorted(Comparator.comparing(ProgramHeader::vaddr, Long::compareUnsigned)).toList();
        long start = relro.vaddr();
        long end = relro.vaddr() + relro.memsz();
        for (int i = 0; i < sorted.size(); i++) {
            long next = i + 1 < sorted.size() ? sorted.get(i + 1).vaddr() : -1L;
            if (Long.compareUnsigned(start, sorted.get(i).vaddr()) >= 0 && Long.compareUnsigned(end, next) <= 0) {
                return Optional.of(sorted.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * elfpolicy {@code RelroIsEntireLoadSegment}: the section headers lying inside the RELRO
     * ({@code sh_addr >= p_vaddr && sh_addr + sh_size <= p_vaddr + p_memsz}, every section, the
     * null one and non-allocated ones included) are the ones lying inside its LOAD. With no
     * section headers both lists are empty, and equal.
     */
    static boolean sameSections(ProgramHeader relro, ProgramHeader load, List<SectionHeader> sections) {
        return inside(relro, sections).equals(inside(load, sections));
    }

    private static List<Integer> inside(ProgramHeader seg, List<SectionHeader> sections) {
        long from = seg.vaddr();
        long to = seg.vaddr() + seg.memsz();
        return sections.stream()
                .filter(s -> Long.compareUnsigned(s.addr(), from) >= 0 && Long.compareUnsigned(s.addr() + s.size(), to) <= 0)
                .map(SectionHeader::index).sorted().toList();
    }
}
