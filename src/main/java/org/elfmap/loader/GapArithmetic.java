package org.elfmap.loader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.PageSize;

/**
 * The arithmetic of the 2007 FreeBSD post, for every pair of neighbouring PT_LOADs (by vaddr):
 * {@code vend = rd(vaddr) + ru(memsz)}, {@code gap = rd(next vaddr) - vend}. Printed under the
 * layout table so that a reader can check the gap by hand as the post did.
 *
 * @param index      which pair: {@code vend0} is the end of the lowest segment
 * @param vaddr      the lower segment's {@code p_vaddr}
 * @param span       its {@code p_memsz} plus its offset in its first page: what {@code ru} rounds
 * @param vend       {@code rd(vaddr) + ru(span)}
 * @param nextVaddr  the next segment's {@code p_vaddr}
 * @param nextPage   {@code rd(nextVaddr)}
 * @param gapPages   {@code (nextPage - vend) / P}
 */
public record GapArithmetic(int index, long vaddr, long span, long vend, long nextVaddr, long nextPage,
                            long gapPages) {

    public static List<GapArithmetic> of(ElfFile elf, PageSize page) {
        List<ProgramHeader> loads = new ArrayList<>(elf.loads());
        loads.sort(Comparator.comparingLong(ProgramHeader::vaddr));
        List<GapArithmetic> out = new ArrayList<>();
        for (int i = 0; i + 1 < loads.size(); i++) {
            ProgramHeader a = loads.get(i);
            ProgramHeader b = loads.get(i + 1);
            long span = a.memsz() + page.offsetIn(a.vaddr());
            long vend = page.down(a.vaddr()) + page.up(span);
            long next = page.down(b.vaddr());
            out.add(new GapArithmetic(i, a.vaddr(), span, vend, b.vaddr(), next, (next - vend) / page.bytes()));
        }
        return out;
    }
}
