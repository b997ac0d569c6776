package org.elfmap.loader;

import java.util.ArrayList;
import java.util.List;
import org.elfmap.space.RegionNote;

/**
 * The kernel's merging of adjacent VMAs ({@code mm/vma.c}): neighbours with the same protection
 * merge when both map the same file at contiguous offsets, or both are anonymous. So
 * {@code /proc/PID/maps} may show one entry where a layout has two (musl's text and gap, a bss run
 * into other anonymous memory). Used to compare a layout with maps, and by {@code explain} to know
 * which observed entries it must split back into kinds.
 */
public final class KernelMerge {
    private KernelMerge() {
    }

    /**
     * Whether the kernel joins {@code a} and {@code b}. {@code VM_ACCOUNT}: a private mapping that
     * was ever writable is charged to the commit limit and keeps the flag after {@code mprotect} takes write away ({@code mm/mmap.c}
     * {@code accountable_mapping}, {@code mm/mprotect.c} {@code mprotect_fixup}), so it never merges
     * with a mapping that was always read-only. Observed here: every glibc library's RELRO shows as
     * an {@code r--p} entry of its own, right after the {@code r--p} rodata at contiguous offsets;
     * the page a loader write-toggles to zero a read-only segment's tail likewise ({@code ro-bss.so}
     * under glibc; {@link ModelSupport#writeToggleTail}),
     * while musl's read-only bss, mapped from the file and never writable, merges with its
     * neighbours.
     */
    public static boolean mergeable(Mapping a, Mapping b) {
        if (a.end() != b.start() || !a.prot().equals(b.prot()) || a.backing() != b.backing()
                || a.accounted() != b.accounted() || listedApart(a) || listedApart(b)) {
            return false;
        }
        return switch (a.backing()) {
            case FILE -> a.continuesInFile(b);
            case ANON, GUARD -> anonName(a).equals(anonName(b));
        };
    }

    /**
     * The name {@code prctl(PR_SET_VMA_ANON_NAME)} gave anonymous memory: VMAs with different
     * names do not merge ({@code is_mergeable_vma} compares them with {@code anon_vma_name_eq}).
     * bionic names its bss {@code .bss} and a compat-loaded library {@code "PATH (compat loaded)"}.
     */
    static String anonName(Mapping m) {
        if (m.note().orElse(null) instanceof RegionNote.AnonName n) {
            return n.name();
        }
        if (m.note().orElse(null) instanceof RegionNote.CompatLoaded c) {
            return c.vmaName();
        }
        return "";
    }

    /** Padding the Android kernel lists apart from its segment is a view of that VMA, not a VMA to merge. */
    private static boolean listedApart(Mapping m) {
        return m.note().orElse(null) instanceof RegionNote.PaddingListedApart;
    }

    /** The layout's mappings as the kernel would list them: mergeable neighbours joined. */
    public static List<Mapping> merge(List<Mapping> mappings) {
        List<Mapping> out = new ArrayList<>();
        for (Mapping m : mappings) {
            if (!out.isEmpty() && mergeable(out.get(out.size() - 1), m)) {
                Mapping prev = out.remove(out.size() - 1);
                out.add(prev.slice(prev.start(), m.end()));
            } else {
                out.add(m);
            }
        }
        return out;
    }
}
