package org.elfmap.loader;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.Backing;
import org.elfmap.space.PageSize;

/**
 * A FreeBSD major release, and what its rtld ({@code libexec/rtld-elf/map_object.c},
 * {@code rtld.c}) and kernel ({@code sys/kern/imgact_elf.c}, {@code sys/vm/vm_mmap.c}) do that
 * differs by release. Each rule names the source it was read from; {@code docs/loaders.md} has
 * them as one table. Releases 6 to 15; {@code main} is 15.
 *
 * <p>Versions of {@code map_object.c} read: rev 1.17 (2005-12-18, 6.x); 7.2's rev 1.18.8.1 (in
 * Genode's copy); head rev 1.24 (2011-01-08) and r195743 (2009-07-17, in a fork); releng/9.3
 * (r247846); release/10.4.0 (r296939); a 12.x-era one with {@code P_OSREL_MAP_GUARD}; 14's;
 * main's (15).
 *
 * @param major the release's major number
 */
public record FreeBsdRelease(int major) {
    public static final int OLDEST = 6;
    public static final int NEWEST = 15;
    /** {@code main} today. */
    public static final FreeBsdRelease CURRENT = new FreeBsdRelease(NEWEST);
    /** The 2007 post's system: 6.x/7.x, whose rtld mapped every library the same way (rev 1.17, 1.18). */
    public static final FreeBsdRelease SEED = new FreeBsdRelease(7);
    /**
     * The releases {@code --loader all} shows, one per kind of reservation rtld makes
     * ({@link #reservation}): 7 (gaps from the file: the 2007 post's system), 10 (anonymous
     * {@code PROT_NONE}) and the current one (guards).
     */
    public static final List<FreeBsdRelease> TURNING_POINTS = List.of(SEED, new FreeBsdRelease(10), CURRENT);

    // Written out rather than generated: a record's generated equals/hashCode is bootstrapped by
    // invokedynamic (ObjectMethods) on first use, which AOT caches do not store; the first one in a
    // run costs ~10-20 ms of start-up (README "Performance").
    @Override
    public boolean equals(Object o) {
        return o instanceof FreeBsdRelease r && r.major == major;
    }

    @Override
    public int hashCode() {
        return major;
    }

    public FreeBsdRelease {
        if (major < OLDEST || major > NEWEST) {
            throw new IllegalArgumentException("FreeBSD " + major + " is not modelled (" + OLDEST + " to " + NEWEST + ")");
        }
    }

    /** How {@code map_object} checks a PT_LOAD's {@code p_align}. */
    public enum AlignCheck {
        /** Rev 1.17 and before: {@code if (segs[nsegs]->p_align < PAGE_SIZE)}: 0 and 1 refused too. */
        BELOW_PAGE,
        /** Rev 1.18 on (7.x, and every later release): {@code if ((p_align & (PAGE_SIZE - 1)) != 0)}: 0 passes. */
        NOT_MULTIPLE
    }

    public AlignCheck alignCheck() {
        return major <= 6 ? AlignCheck.BELOW_PAGE : AlignCheck.NOT_MULTIPLE;
    }

    /**
     * What holds the span rtld reserves before it maps the segments, and so every gap: up to 7.x
     * the first {@code mmap} is of the file with the first segment's protection; 8.0 made it
     * anonymous {@code PROT_NONE} ({@code MAP_ANON | MAP_PRIVATE | MAP_NOCORE}, counted in VSZ);
     * 12.0 a {@code MAP_GUARD} when {@code __getosreldate() >= P_OSREL_MAP_GUARD} (1200035), which
     * {@code vm_map_insert} leaves out of {@code map->size}, so out of VSZ.
     */
    public Backing reservation() {
        if (major <= 7) {
            return Backing.FILE;
        }
        return major <= 11 ? Backing.ANON : Backing.GUARD;
    }

    /**
     * Up to 7.x the "Clear any BSS in the last page of the segment" block runs for every
     * segment; from 8.0 only under {@code if (segs[i]->p_filesz != segs[i]->p_memsz)}.
     */
    public boolean zeroesEveryTail() {
        return major <= 7;
    }

    /**
     * 8.x makes the bss out of the anonymous reservation with {@code mprotect(bss_addr, ...,
     * data_prot)} ("mprotect of bss failed", head rev 1.24); 9.3 and later {@code mmap} it
     * {@code MAP_ANON | MAP_FIXED} (the reservation of 12+ is a guard, which cannot be
     * mprotected into memory). Up to 7.x it is {@code mmap}ed too.
     */
    public boolean bssByMprotect() {
        return major == 8;
    }

    /**
     * {@code sys_mmap} refuses {@code len == 0} with EINVAL when the process's {@code p_osrel >=
     * P_OSREL_MAP_ANON} (800104, 8.0). rtld's {@code mmap} of a segment's file pages has length
     * {@code round_page(vaddr + filesz) - trunc_page(vaddr)}, 0 for {@code filesz} 0 at a
     * page-aligned {@code vaddr}; 14 guards the call with {@code if (data_vlimit != data_vaddr &&
     * ...)}. Up to 7.x there was no such check (and segment 0 was not mapped again at all).
     */
    public boolean zeroLengthMmapFails() {
        return major >= 8 && major <= 13;
    }

    /** How rtld sizes the PT_GNU_RELRO range it makes read-only. */
    public enum RelroRule {
        /** Up to 8.x rtld has no PT_GNU_RELRO support (head rev 1.24 reads no PT_GNU_RELRO). */
        NONE,
        /** 9.0 to 14: {@code relro_page = trunc_page(vaddr)}, {@code relro_size = round_page(memsz)}. */
        SIZE_ROUNDED_UP,
        /** main (15): up to {@code trunc_page(vaddr + memsz)}, as glibc and musl do. */
        END_ROUNDED_DOWN
    }

    public RelroRule relroRule() {
        if (major <= 8) {
            return RelroRule.NONE;
        }
        return major <= 14 ? RelroRule.SIZE_ROUNDED_UP : RelroRule.END_ROUNDED_DOWN;
    }

    /**
     * The range rtld's {@code obj_enforce_relro} makes read-only: from the <em>last</em>
     * PT_GNU_RELRO ({@code map_object}'s and {@code digest_phdr}'s scans assign
     * {@code relro_page}/{@code relro_size} at each one they meet); empty when there is none or the
     * release has no RELRO.
     */
    PageRange relroRange(ElfFile elf, PageSize page) {
        Optional<ProgramHeader> relro = elf.last(ProgramHeader.PT_GNU_RELRO);
        if (relro.isEmpty() || relroRule() == RelroRule.NONE) {
            return PageRange.NONE;
        }
        ProgramHeader last = relro.get();
        long start = page.down(last.vaddr());
        long end = relroRule() == RelroRule.SIZE_ROUNDED_UP ? start + page.up(last.memsz())
                : page.down(last.vaddr() + last.memsz());
        return new PageRange(start, end);
    }

    /** {@code "freebsd@10"}. */
    public String rtldName() {
        return "freebsd@" + major;
    }

    /** {@code "freebsd-kernel@10"}. */
    public String kernelName() {
        return "freebsd-kernel@" + major;
    }

    @Override
    public String toString() {
        return "FreeBSD " + major;
    }
}
