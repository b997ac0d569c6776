package org.elfmap.pages;

import java.util.ArrayList;
import java.util.List;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.PageSize;

/**
 * The per-file rules: what a loader on a {@code P}-byte-page system requires of the program
 * headers. Every PT_LOAD counts: bionic ({@code linker_phdr.cpp}, {@code CheckProgramHeaderAlignment})
 * refuses a library whose smallest LOAD alignment is below the page size, and glibc
 * ({@code dl-load.c}) refuses any LOAD whose {@code p_align} is not a multiple of it.
 */
public final class ElfPageRules {
    private ElfPageRules() {
    }

    public static List<PageProblem> check(ElfFile elf, PageSize page) {
        List<PageProblem> out = new ArrayList<>();
        long p = page.bytes();
        for (ProgramHeader ph : elf.loads()) {
            long align = ph.align();
            boolean pow2 = align != 0 && Long.bitCount(align) == 1;
            if (!pow2 || Long.compareUnsigned(align, p) < 0) {
                out.add(PageProblem.of(ph.index(), ProblemKind.ALIGN, String.format(
                        "PT_LOAD p_align 0x%x is %s the %s page size (0x%x)", align,
                        pow2 || align <= 1 ? "below" : "not a power of two at or above", page.label(), p)));
            }
            long past = elf.bytesPastEnd(ph);
            if (past > 0) {
                // bionic's ElfReader::LoadSegments (linker_phdr.cpp) refuses it; glibc and musl map it
                out.add(PageProblem.of(ph.index(), ProblemKind.MALFORMED, String.format(
                        "PT_LOAD file part [0x%x, 0x%x) runs 0x%x bytes past the end of the file: the file is cut"
                        + " short (bionic refuses it: \"past end of file\")", ph.offset(), ph.offset() + ph.filesz(),
                        past)));
            }
            if (page.offsetIn(ph.offset()) != page.offsetIn(ph.vaddr())) {
                out.add(PageProblem.of(ph.index(), ProblemKind.CONGRUENCE, String.format(
                        "p_offset 0x%x %% 0x%x = 0x%x but p_vaddr 0x%x %% 0x%x = 0x%x", ph.offset(), p,
                        page.offsetIn(ph.offset()), ph.vaddr(), p, page.offsetIn(ph.vaddr()))));
            }
        }
        elf.first(ProgramHeader.PT_GNU_RELRO).ifPresent(r -> {
            long end = r.vaddr() + r.memsz();
            if (r.memsz() != 0 && !page.aligned(end)) {
                out.add(PageProblem.of(r.index(), ProblemKind.RELRO, String.format(
                        "PT_GNU_RELRO ends at 0x%x, not on a %s page boundary: its last 0x%x bytes stay writable",
                        end, page.label(), page.offsetIn(end))));
            }
        });
        return out;
    }
}
