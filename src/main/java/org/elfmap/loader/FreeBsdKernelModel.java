package org.elfmap.loader;

import org.elfmap.space.PageSize;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;

/**
 * FreeBSD's kernel loading a program ({@code sys/kern/imgact_elf.c}, {@code load_section}): no
 * reservation, so gaps are holes; where {@code memsz > filesz} the file is mapped only up to
 * {@code rd(vaddr+filesz)} and the partial last page plus the bss is one anonymous mapping into
 * which the kernel copies the file's fragment.
 */
public final class FreeBsdKernelModel implements LoaderModel {
    @Override
    public String name() {
        return "freebsd-kernel";
    }

    @Override
    public String summary() {
        return "FreeBSD's kernel exec of a program (imgact_elf.c load_section)";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        AddressSpace vm = new AddressSpace();
        for (LoadSegment s : LoadSegment.of(elf, page)) {
            long filesz = s.header().filesz();
            boolean bss = s.hasBss();
            long fileEnd = filesz == 0 ? s.mapStart() : bss ? page.down(s.dataEnd()) : s.mapEnd();
            vm.mapFile(s.mapStart(), fileEnd, s.prot(), s.fileOff(), s.kind(), s.index());
            if (bss) {
                if (s.mapEnd() > fileEnd && filesz != 0) {
                    vm.mapAnon(fileEnd, s.mapEnd(), s.prot(), s.kind(), s.index(), new RegionNote.FragmentCopied());
                }
                vm.mapAnon(Math.max(fileEnd, s.mapEnd()), s.allocPageEnd(page), s.prot(), Kind.BSS, s.index());
            }
        }
        ModelSupport.protectRelro(vm, elf, page, false);
        return ModelSupport.layout(elf, this, page, vm, Optional.empty(), List.of());
    }
}
