package org.elfmap.maps;

import java.util.Optional;
import org.elfmap.space.PageSize;

/**
 * The page size a Linux capture was taken at, read from its entries. Every VMA starts and ends on
 * a page boundary of the kernel that listed it (mm/mmap.c aligns every length with PAGE_ALIGN), so
 * one boundary off a 16 KiB multiple says 4 KiB pages for certain; and a capture whose entries all
 * sit on 16 KiB (or 64 KiB) boundaries was taken there (an Android 16 KiB device, an arm64 kernel
 * built with 16 or 64 KiB pages), provided there are enough of them not to be a coincidence: a 4
 * KiB process always has some 4 KiB-sized entry ([vvar], [vdso], a data segment's end).
 */
public final class CapturePage {
    /** Lines looked at: the first entries of smaps take some 25 lines each. */
    static final int LINES = 1024;
    /** Entries that must all lie on larger boundaries before a larger page size is believed. */
    static final int ENTRIES_FOR_LARGER = 8;

    private CapturePage() {
    }

    /** The page size of a Linux maps or smaps capture, or empty when its first entries cannot say. */
    public static Optional<PageSize> of(LineReader in) {
        long boundaries = 0;
        int entries = 0;
        for (int i = 0; i < LINES; i++) {
            String line = in.peek(i);
            if (line == null) {
                break;
            }
            if (!LinuxMapsLine.isHeader(line)) {
                continue;
            }
            int dash = line.indexOf('-');
            int space = line.indexOf(' ', dash);
            if (space < 0) {
                continue;
            }
            try {
                boundaries |= Long.parseUnsignedLong(line, 0, dash, 16) | Long.parseUnsignedLong(line, dash + 1, space, 16);
            } catch (NumberFormatException e) {
                continue; // the parser says what is wrong with the line, where it reads it
            }
            entries++;
        }
        return of(boundaries, entries);
    }

    /** The page size given the OR of every start and end seen, over {@code entries} entries. */
    static Optional<PageSize> of(long boundaries, int entries) {
        if (entries == 0 || (boundaries & (PageSize.P4K.bytes() - 1)) != 0) {
            return Optional.empty(); // not even 4 KiB-aligned: no page size this code knows
        }
        if ((boundaries & (PageSize.P16K.bytes() - 1)) != 0) {
            return Optional.of(PageSize.P4K);
        }
        if (entries < ENTRIES_FOR_LARGER) {
            return Optional.empty();
        }
        return Optional.of((boundaries & (PageSize.P64K.bytes() - 1)) == 0 ? PageSize.P64K : PageSize.P16K);
    }
}
