package org.elfmap.loader;

import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;
import org.elfmap.space.Prot;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;

/**
 * The Linux kernel's exec of a program and of its PT_INTERP: {@code fs/binfmt_elf.c},
 * {@code elf_load}/{@code elf_map} (6.x). Each PT_LOAD is mapped from the file over
 * {@code [rd(vaddr), ru(vaddr+filesz))}; the bss beyond that page comes from {@code vm_brk_flags},
 * which makes it read-write whatever the segment says (executable only if the segment is). For
 * ET_DYN the kernel reserves the total span and unmaps the excess, so gaps are holes: no mapping,
 * no VSZ. A read-only partial page is cleared where possible and never becomes a separate entry.
 * RELRO is applied afterwards by the run-time: ld.so for a dynamic program and for itself (glibc
 * and musl 1.2.3 alike: observed here, musl's libc.so shows its RELRO page {@code r--p}), glibc's
 * own start-up code for static programs; static musl programs apply none (observed here). Both
 * run-times protect the last PT_GNU_RELRO ({@link ModelSupport#protectLastRelro}). An Android
 * program gets bionic's rule instead, from its linker or its static libc: every PT_GNU_RELRO, the
 * end rounded up ({@link BionicModel#protectRelro}).
 * <p>
 * A PT_LOAD with file contents whose {@code p_offset % P != p_vaddr % P} cannot be mapped:
 * {@code elf_map} asks {@code vm_mmap} for file offset {@code p_offset - ELF_PAGEOFFSET(p_vaddr)},
 * not page-aligned, and gets EINVAL; {@code load_elf_binary} is past the point of no return
 * ({@code begin_new_exec}), so {@code bprm_execve} kills the process with SIGSEGV (6.x; observed
 * here on 6.18 with {@code incongruent-exec}). A segment without file contents is not mapped from
 * the file and is not checked.
 */
public final class LinuxKernelModel implements LoaderModel {
    @Override
    public String name() {
        return "linux-kernel";
    }

    @Override
    public String summary() {
        return "the Linux kernel's exec of a program and its interpreter (fs/binfmt_elf.c)";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        AddressSpace vm = new AddressSpace();
        List<LayoutNote> notes = new ArrayList<>();
        for (LoadSegment s : LoadSegment.of(elf, page)) {
            long zeroStart;
            if (s.header().filesz() != 0) {
                vm.mapFile(s.mapStart(), s.mapEnd(), s.prot(), s.fileOff(), s.kind(), s.index());
                zeroStart = s.dataEnd();
            } else {
                zeroStart = s.mapStart();
            }
            if (s.hasBss()) {
                Prot bssProt = s.prot().exec() ? new Prot(true, true, true) : Prot.RW;
                if (s.prot().write()) {
                    vm.mapAnon(page.up(zeroStart), s.allocPageEnd(page), bssProt, Kind.BSS, s.index());
                } else {
                    vm.mapAnon(page.up(zeroStart), s.allocPageEnd(page), bssProt, Kind.BSS, s.index(),
                            new RegionNote.KernelBssWritable());
                }
            }
        }
        Flavor flavor = Flavor.of(elf);
        if (flavor == Flavor.BIONIC) {
            BionicModel.protectRelro(elf, page, vm, false); // every PT_GNU_RELRO, its end rounded up
        } else if (appliesRelro(elf, flavor)) {
            ModelSupport.protectLastRelro(vm, elf, page);
        } else if (elf.first(ProgramHeader.PT_GNU_RELRO).isPresent()) {
            notes.add(new LayoutNote.RelroNotApplied());
        }
        return ModelSupport.layout(elf, this, page, vm, refusal(elf, page), notes);
    }

    /** The exec fails: see the class comment. */
    static Optional<Refusal> refusal(ElfFile elf, PageSize page) {
        for (ProgramHeader p : elf.loads()) {
            if (p.filesz() != 0 && page.offsetIn(p.offset()) != page.offsetIn(p.vaddr())) {
                return Optional.of(Refusal.of(Refusal.Reason.NOT_CONGRUENT, p.index()).killedBy("SIGSEGV"));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether something in the process will {@code mprotect} this file's PT_GNU_RELRO, for a file
     * that is not bionic's (which always protects its own): the dynamic linker of a dynamic
     * program, a dynamic linker itself, glibc's start-up code in a static program.
     */
    private static boolean appliesRelro(ElfFile elf, Flavor flavor) {
        return elf.interpreter().isPresent() || Flavor.isInterpreter(elf) || flavor == Flavor.GLIBC;
    }
}
