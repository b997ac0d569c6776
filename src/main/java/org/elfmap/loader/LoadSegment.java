package org.elfmap.loader;

import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.Kind;

import java.util.ArrayList;
import java.util.List;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;

/**
 * One PT_LOAD in the loaders' own vocabulary (glibc's {@code struct loadcmd}): {@code mapStart =
 * rd(vaddr)}, {@code mapEnd = ru(vaddr + filesz)}, {@code dataEnd = vaddr + filesz},
 * {@code allocEnd = vaddr + memsz}, {@code fileOff = rd(offset)}.
 */
public record LoadSegment(ProgramHeader header, long mapStart, long mapEnd, long dataEnd, long allocEnd,
                          long fileOff, Prot prot) {

    static LoadSegment of(ProgramHeader p, PageSize page) {
        return new LoadSegment(p, page.down(p.vaddr()), page.up(p.vaddr() + p.filesz()),
                p.vaddr() + p.filesz(), p.vaddr() + p.memsz(), page.down(p.offset()), Prot.ofElfFlags(p.flags()));
    }

    /** The file's PT_LOADs in file order, which is the order loaders process them in. */
    public static List<LoadSegment> of(ElfFile elf, PageSize page) {
        List<LoadSegment> out = new ArrayList<>();
        for (ProgramHeader p : elf.loads()) {
            out.add(of(p, page));
        }
        return out;
    }

    public int index() {
        return header.index();
    }

    /** {@code ru(allocEnd)}: the end of the segment's pages, bss included. */
    public long allocPageEnd(PageSize page) {
        return page.up(allocEnd);
    }

    public boolean hasBss() {
        return allocEnd > dataEnd;
    }

    public Kind kind() {
        return Kind.ofSegment(prot);
    }
}
