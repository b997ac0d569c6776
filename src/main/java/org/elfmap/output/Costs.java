package org.elfmap.output;

import java.util.Optional;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Region;
import org.elfmap.space.Usage;

/** What a region costs, in the words notes use: pages of VSZ, resident memory. */
final class Costs {
    private Costs() {
    }

    static String of(long vszBytes, long lengthBytes, Optional<Usage> usage, PageSize page) {
        String vsz = vszBytes == 0 ? pages(lengthBytes, page) + " of address space, not counted in VSZ"
                : pages(vszBytes, page) + " of VSZ";
        if (usage.isEmpty()) {
            return vsz;
        }
        Usage u = usage.get();
        if (u.rssBytes() == 0 && u.swapBytes() == 0) {
            return vsz + ", nothing resident";
        }
        String s = vsz + ", " + Sizes.kibWithUnit(u.rssBytes()) + " resident";
        if (u.pssBytes() > 0 && u.pssBytes() != u.rssBytes()) {
            s += " (" + Sizes.kibWithUnit(u.pssBytes()) + " PSS)";
        }
        if (u.swapBytes() > 0) {
            s += ", " + Sizes.kibWithUnit(u.swapBytes()) + " swapped";
        }
        return s;
    }

    /**
     * The cost of a region. Two gaps need more words. FreeBSD's resident count (its formats print
     * no file offsets) is the VM object's pages in memory within the entry's range, so a
     * file-backed gap shows the file's cached pages (the data segment's, read through data's own
     * mapping) although nothing touches the gap: say so rather than call them this mapping's
     * memory. On Linux, resident pages in a file-backed gap are the kernel's fault-around.
     */
    static String of(Region r, PageSize page) {
        boolean residentGap = r.kind() == Kind.GAP && r.backing() == Backing.FILE && r.usage().isPresent()
                && r.usage().get().rssBytes() > 0;
        if (residentGap && r.fileOffset().isEmpty()) {
            return of(r.vszBytes(), r.length(), Optional.empty(), page) + "; the "
                    + pages(r.usage().get().rssBytes(), page) + " FreeBSD counts as resident are the file's pages in"
                    + " the page cache within this range (the data segment's, read through its own mapping): nothing"
                    + " is resident through this mapping";
        }
        String cost = of(r.vszBytes(), r.length(), r.usage(), page);
        return residentGap ? cost + " (file pages the kernel mapped around a page fault next to it, fault-around:"
                + " nothing reads them)" : cost;
    }

    static String pages(long bytes, PageSize page) {
        long n = bytes / page.bytes();
        return n == 1 && bytes % page.bytes() == 0 ? "1 page" : n + " pages";
    }
}
