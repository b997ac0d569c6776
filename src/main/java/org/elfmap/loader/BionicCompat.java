package org.elfmap.loader;

import java.util.List;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.RegionNote;

/**
 * bionic's 16 KiB app-compat mode ({@code linker/linker_phdr_16kib_compat.cpp}, Android 15 QPR2,
 * commit ce1c3cf77): how a library whose smallest {@code p_align} is 4 KiB is loaded on a system
 * of 16 KiB pages when the mode is on. {@code ReserveAddressSpace} reserves the span plus one page
 * and makes it read-write; {@code Setup16KiBAppCompat} moves the load bias up so that the boundary
 * between the read-execute part and the read-write part falls on a page, and names the whole
 * reservation {@code "PATH (compat loaded)"}; {@code CompatMapSegment} reads ({@code pread64})
 * each PT_LOAD's file bytes in at 4 KiB granularity; no bss is mapped (the reservation is zero
 * pages already); after relocation {@code phdr_table_protect_gnu_relro_16kib_compat} makes
 * everything below the boundary read-execute.
 */
final class BionicCompat {
    private static final Prot READ_EXEC = new Prot(true, false, true);

    private BionicCompat() {
    }

    /** What {@code IsEligibleFor16KiBAppCompat} decides. */
    sealed interface Eligibility {
        /** Loadable: the RX|RW boundary as a {@code p_vaddr}. */
        record Boundary(long vaddr) implements Eligibility {
        }

        /**
         * Not loadable in compat mode; {@code warning} is the linker's {@code DL_WARN} (empty for a
         * file without any read-write PT_LOAD or PT_GNU_RELRO, where the source reads
         * {@code first_rw->p_vaddr} of a null {@code first_rw}: the linker crashes).
         */
        record Ineligible(String warning) implements Eligibility {
        }
    }

    /**
     * {@code IsEligibleFor16KiBAppCompat}: at most one PT_GNU_RELRO ({@code HasAtMostOneRelroSegment}),
     * the read-write PT_LOADs adjacent in the table (the previous program header, of any type, must
     * be the last read-write one), the RELRO at the start of the first read-write PT_LOAD
     * ({@code segment_contains_prefix}: the same {@code p_vaddr}). Its last test, "relro vaddr + memsz
     * overflowed", cannot fail here: the reader refuses any header ending beyond the address space
     * ({@link org.elfmap.elf.SegmentRules}).
     */
    static Eligibility eligibility(ElfFile elf) {
        List<ProgramHeader> table = elf.programHeaders();
        ProgramHeader relro = null;
        for (ProgramHeader p : table) {
            if (p.type() == ProgramHeader.PT_GNU_RELRO) {
                if (relro != null) {
                    return failed(elf, "Multiple RELRO segments found");
                }
                relro = p;
            }
        }
        ProgramHeader firstRw = null;
        ProgramHeader lastRw = null;
        for (int i = 0; i < table.size(); i++) {
            ProgramHeader curr = table.get(i);
            ProgramHeader prev = i > 0 ? table.get(i - 1) : null;
            Prot prot = Prot.ofElfFlags(curr.flags());
            if (!curr.isLoad() || !prot.write() || !prot.read()) {
                continue;
            }
            if (firstRw == null) {
                firstRw = curr;
            }
            if (lastRw != null && lastRw != prev) {
                return failed(elf, "ELF contains multiple non-adjacent RW segments");
            }
            lastRw = curr;
        }
        if (relro == null) {
            return firstRw == null ? new Eligibility.Ineligible("")
                    : new Eligibility.Boundary(firstRw.vaddr() & -BionicRules.COMPAT_PAGE);
        }
        if (firstRw == null || firstRw.vaddr() != relro.vaddr()) {
            return failed(elf, "RELRO is not in the first RW segment");
        }
        long end = relro.vaddr() + relro.memsz();
        return new Eligibility.Boundary((end + BionicRules.COMPAT_PAGE - 1) & -BionicRules.COMPAT_PAGE);
    }

    private static Eligibility failed(ElfFile elf, String why) {
        return new Eligibility.Ineligible("\"" + elf.name() + "\": Compat loading failed: " + why);
    }

    /**
     * Lays the file out as the compat mode loads it, relative to the reservation's start: a
     * {@code p_vaddr} {@code v} lies at {@code v - page_start(min_vaddr) + shift}.
     *
     * @return the note that says so
     */
    static LayoutNote.CompatLoaded layout(AddressSpace vm, ElfFile elf, PageSize page, long boundary, long lo,
                                          long hi) {
        long c = BionicRules.COMPAT_PAGE;
        long reservation = hi - lo + page.bytes();
        long shift = page.offsetIn(boundary) == 0 ? 0 : page.bytes() - page.offsetIn(boundary);
        long delta = shift - lo;
        long rw = boundary + delta;
        RegionNote name = new RegionNote.CompatLoaded(elf.name() + " (compat loaded)");
        vm.mapAnon(0, reservation, Prot.RW, Kind.GAP, name);
        for (ProgramHeader p : elf.loads()) {
            long from = (p.vaddr() & -c) + delta;
            long fileTo = from + ((fileLength(p) + c - 1) & -c);
            long memTo = ((p.vaddr() + p.memsz() + c - 1) & -c) + delta;
            Kind kind = Kind.ofSegment(Prot.ofElfFlags(p.flags()));
            paint(vm, from, fileTo, kind, p.index());
            paint(vm, Math.max(from, fileTo), memTo, Kind.BSS, p.index());
        }
        elf.first(ProgramHeader.PT_GNU_RELRO).ifPresent(r -> vm.relabel((r.vaddr() & -c) + delta, rw,
                m -> m.kind() == Kind.GAP ? m : m.withKind(Kind.RELRO)));
        vm.protect(0, rw, READ_EXEC);
        return new LayoutNote.CompatLoaded(shift, boundary, reservation, rw);
    }

    /** {@code CompatMapSegment}'s {@code file_length}: from the 4 KiB page of {@code p_offset} to the file part's end. */
    static long fileLength(ProgramHeader p) {
        return p.offset() + p.filesz() - (p.offset() & -BionicRules.COMPAT_PAGE);
    }

    private static void paint(AddressSpace vm, long from, long to, Kind kind, int segment) {
        vm.relabel(from, to, m -> m.withKindAndSegment(kind, OptionalInt.of(segment)));
    }
}
