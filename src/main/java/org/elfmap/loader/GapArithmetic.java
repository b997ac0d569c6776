package org.elfmap.loader;

import java.util.ArrayList;
import java.util.List;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.PageSize;

/**
 * The arithmetic of the 2007 FreeBSD post, for every pair of neighbouring PT_LOADs (by vaddr):
 * {@code vend = rd(vaddr) + ru(memsz)}, {@code gap = rd(next vaddr) - vend}. Printed under the
 * layout table so that a reader can check the gap by hand as the post did. The post's segments
 * started on a page; where one does not, {@code ru} rounds its offset in its first page plus
 * its memsz ({@code vend = rd(vaddr) + ru((vaddr - rd(vaddr)) + memsz)}, which is
 * {@code ru(vaddr + memsz)}, glibc's {@code allocend}), and the printed arithmetic shows both terms.
 *
 * @param index      which pair: {@code vend0} is the end of the lowest segment
 * @param vaddr      the lower segment's {@code p_vaddr}
 * @param inPage     {@code vaddr - rd(vaddr)}: its offset in its first page
 * @param memsz      its {@code p_memsz}
 * @param vend       {@code rd(vaddr) + ru(inPage + memsz)}
 * @param nextVaddr  the next segment's {@code p_vaddr}
 * @param nextPage   {@code rd(nextVaddr)}
 * @param gapPages   {@code (nextPage - vend) / P}
 */
public record GapArithmetic(int index, long vaddr, long inPage, long memsz, long vend, long nextVaddr, long nextPage,
                            long gapPages) {

    public static List<GapArithmetic> of(ElfFile elf, PageSize page) {
        List<ProgramHeader> loads = new ArrayList<>(elf.loads());
        // own lambda, not Comparator.comparingLong: the JDK's is spun on first use (~5 ms), ours is in the AOT cache
        loads.sort((a, b) -> Long.compare(a.vaddr(), b.vaddr()));
        List<GapArithmetic> out = new ArrayList<>();
        for (int i = 0; i + 1 < loads.size(); i++) {
            ProgramHeader a = loads.get(i);
            ProgramHeader b = loads.get(i + 1);
            long inPage = page.offsetIn(a.vaddr());
            long vend = page.down(a.vaddr()) + page.up(a.memsz() + inPage);
            long next = page.down(b.vaddr());
            out.add(new GapArithmetic(i, a.vaddr(), inPage, a.memsz(), vend, b.vaddr(), next, (next - vend) / page.bytes()));
        }
        return out;
    }
}
