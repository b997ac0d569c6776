package org.elfmap.pages;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.PageSize;

/**
 * What the loaders protect of a PT_GNU_RELRO at page size P. bionic
 * ({@code linker_phdr.cpp}, {@code _phdr_table_set_gnu_relro_prot}) protects
 * {@code [page_start(start), page_end(end))}: rounded out, so writable data sharing RELRO's first
 * or last page becomes read-only. glibc ({@code elf/dl-reloc.c}, {@code _dl_protect_relro})
 * protects {@code [rd(start), rd(end))}: the end rounded down, so RELRO's last partial page stays
 * writable.
 */
final class RelroRounding {
    private RelroRounding() {
    }

    /** A note when bionic's rounding makes writable data outside RELRO read-only. */
    static Optional<PageNote> note(ProgramHeader relro, List<ProgramHeader> loads, PageSize page) {
        long before = readOnlyBefore(relro, loads, page);
        long after = readOnlyAfter(relro, loads, page);
        return before + after == 0 ? Optional.empty()
                : Optional.of(new PageNote.RelroRounding(relro.index(), before, after, page));
    }

    /** Bytes of writable LOAD memory in {@code [page_start(start), start)} that both loaders make read-only. */
    static long readOnlyBefore(ProgramHeader relro, List<ProgramHeader> loads, PageSize page) {
        return writable(loads, page.down(relro.vaddr()), relro.vaddr());
    }

    /** Bytes of writable LOAD memory in {@code [end, page_end(end))} that bionic makes read-only. */
    static long readOnlyAfter(ProgramHeader relro, List<ProgramHeader> loads, PageSize page) {
        long end = relro.memEndVaddr();
        return writable(loads, end, page.up(end));
    }

    /** Bytes of RELRO in {@code [rd(end), end)} that glibc leaves writable. */
    static long writableTail(ProgramHeader relro, PageSize page) {
        long end = relro.memEndVaddr();
        return end - Math.max(relro.vaddr(), page.down(end));
    }

    /** Bytes of {@code [from, to)} inside the memory ({@code [p_vaddr, p_vaddr + p_memsz)}) of a writable LOAD. */
    private static long writable(List<ProgramHeader> loads, long from, long to) {
        long n = 0;
        for (ProgramHeader p : loads) {
            if (p.writable()) {
                n += Math.max(0, Math.min(to, p.memEndVaddr()) - Math.max(from, p.vaddr()));
            }
        }
        return n;
    }
}
