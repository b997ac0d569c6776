package org.elfmap.loader;

import org.elfmap.space.PageSize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;

/**
 * The arithmetic of the 2007 FreeBSD post, for every pair of neighbouring PT_LOADs:
 * {@code vend = rd(vaddr) + ru(memsz)}, {@code gap = rd(next vaddr) - vend}. Printed under the
 * layout table so that a reader can check the gap by hand as the post did.
 */
final class GapArithmetic {
    private GapArithmetic() {
    }

    static List<String> lines(ElfFile elf, PageSize page) {
        List<ProgramHeader> loads = new ArrayList<>(elf.loads());
        loads.sort(Comparator.comparingLong(ProgramHeader::vaddr));
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < loads.size(); i++) {
            ProgramHeader a = loads.get(i);
            ProgramHeader b = loads.get(i + 1);
            long vend = page.down(a.vaddr()) + page.up(a.memsz() + page.offsetIn(a.vaddr()));
            long next = page.down(b.vaddr());
            long gap = next - vend;
            String label = "vend" + i;
            out.add(String.format("%s = rd(0x%x) + ru(0x%x) = 0x%x; gap = rd(0x%x) - %s = 0x%x - 0x%x = %d pages",
                    label, a.vaddr(), a.memsz() + page.offsetIn(a.vaddr()), vend, b.vaddr(), label, next, vend,
                    gap / page.bytes()));
        }
        return out;
    }
}
