package org.elfmap.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;
import org.elfmap.space.RegionNote;

/**
 * FreeBSD's kernel loading a program or its interpreter ({@code sys/kern/imgact_elf.c},
 * {@code load_section}, called for each PT_LOAD with {@code p_memsz != 0}): no reservation, so
 * gaps are holes.
 *
 * <ul>
 * <li>File part: {@code map_len = 0} when {@code filsz == 0}; else up to {@code trunc_page(offset
 *     + filsz)} when {@code memsz > filsz}, {@code round_page(offset + filsz)} otherwise; mapped
 *     from {@code trunc_page(vaddr)}.</li>
 * <li>The rest: one anonymous mapping {@code [trunc_page(vaddr + filsz), round_page(vaddr +
 *     memsz))} into which the file's fragment is copied. For {@code filsz} 0 that starts at
 *     {@code trunc_page(vaddr)}, even when {@code vaddr} is not page-aligned.</li>
 * <li>Every insertion is {@code vm_map_fixed(..., MAP_CHECK_EXCL)} ({@code __elfN(map_insert)}):
 *     without {@code MAP_CHECK_EXCL} {@code vm_map_fixed} would first {@code vm_map_delete} the
 *     range; with it {@code vm_map_insert} returns {@code KERN_NO_SPACE} on any overlap, so two
 *     PT_LOADs whose pages meet make {@code load_section} return EINVAL and the exec fail.</li>
 * <li>RELRO: the kernel applies none. A dynamic program's is applied by rtld ({@code rtld.c}
 *     {@code digest_phdr}, last PT_GNU_RELRO wins, the release's rounding), and rtld applies its
 *     own; a static program's by nobody: libc's start-up ({@code lib/csu/common/ignore_init.c},
 *     14's {@code lib/libc/csu/libc_start1.c}, {@code handle_static_init}) runs the IRELATIVE
 *     relocations and the init arrays and never calls {@code mprotect}.</li>
 * </ul>
 */
public final class FreeBsdKernelModel implements LoaderModel {
    private final FreeBsdRelease release;

    public FreeBsdKernelModel(FreeBsdRelease release) {
        this.release = release;
    }

    public FreeBsdRelease release() {
        return release;
    }

    @Override
    public String name() {
        return release.kernelName();
    }

    @Override
    public String summary() {
        return release + " kernel exec of a program (imgact_elf.c load_section; RELRO by rtld)";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        AddressSpace vm = new AddressSpace();
        Optional<Refusal> refusal = Optional.empty();
        List<LayoutNote> notes = new ArrayList<>();
        for (LoadSegment s : LoadSegment.of(elf, page)) {
            long filesz = s.header().filesz();
            long memsz = s.header().memsz();
            if (memsz == 0) {
                continue;
            }
            long fileEnd = filesz == 0 ? s.mapStart() : memsz > filesz ? page.down(s.dataEnd()) : s.mapEnd();
            long anonStart = page.down(s.dataEnd());
            long anonEnd = memsz > filesz ? s.allocPageEnd(page) : anonStart;
            // Until the first refusal nothing has been mapped over anything, so what is in vm is
            // exactly what the earlier segments inserted. The two ranges of one segment never meet.
            if (refusal.isEmpty() && (vm.occupied(s.mapStart(), fileEnd) || vm.occupied(anonStart, anonEnd))) {
                refusal = Optional.of(Refusal.of(Refusal.Reason.SEGMENTS_SHARE_A_PAGE, s.index()));
            }
            vm.mapFile(s.mapStart(), fileEnd, s.prot(), s.fileOff(), s.kind(), s.index());
            if (anonEnd > anonStart) {
                long fragmentEnd = filesz == 0 ? anonStart : Math.min(s.mapEnd(), anonEnd);
                vm.mapAnon(anonStart, fragmentEnd, s.prot(), s.kind(), s.index(), new RegionNote.FragmentCopied());
                vm.mapAnon(Math.max(anonStart, fragmentEnd), anonEnd, s.prot(), Kind.BSS, s.index());
            }
        }
        if (elf.interpreter().isPresent() || Flavor.isInterpreter(elf)) {
            FreeBsdRtldModel.protectRelro(vm, release, elf, page);
        } else if (elf.first(ProgramHeader.PT_GNU_RELRO).isPresent()) {
            notes.add(new LayoutNote.RelroNotApplied());
        }
        return ModelSupport.layout(elf, this, page, vm, refusal, notes);
    }
}
