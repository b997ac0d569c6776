package org.elfmap.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the section header table, which no loader uses but Android's ELF policy does: it decides
 * whether a PT_GNU_RELRO "is the whole LOAD" by comparing the sections inside each (AOSP
 * {@code elfpolicy/elf_policy.cpp}, {@code RelroIsEntireLoadSegment}). Read apart from
 * {@link Elf#read} and only when asked, so the layout commands never pay for it.
 */
public final class SectionHeaders {
    private SectionHeaders() {
    }

    /**
     * The {@code e_shnum} headers at {@code e_shoff}; none when the file has no table
     * ({@code e_shoff} or {@code e_shnum} 0). A table that lies outside the file, or whose entries
     * are smaller than the class's {@code Elf_Shdr}, is an {@link ElfFormatException}.
     */
    public static List<SectionHeader> read(ByteSource src, ElfHeader h) throws IOException {
        if (h.shoff() == 0 || h.shnum() == 0) {
            return List.of();
        }
        int entry = h.is64() ? 64 : 40;
        if (h.shentsize() < entry) {
            throw ElfFormatException.at(src.name(), h.shoff(), "section header entries of " + h.shentsize()
                    + " bytes are smaller than an Elf" + h.elfClass() + "_Shdr (" + entry + ")");
        }
        long length = (long) h.shnum() * h.shentsize();
        if (Long.compareUnsigned(h.shoff(), src.size()) > 0 || length > src.size() - h.shoff()) {
            throw ElfFormatException.at(src.name(), h.shoff(), "the section header table (" + h.shnum() + " entries of "
                    + h.shentsize() + " bytes) lies past the end of the " + src.size() + "-byte file");
        }
        ByteBuffer b = src.read(h.shoff(), (int) length).order(h.order());
        List<SectionHeader> out = new ArrayList<>(h.shnum());
        for (int i = 0; i < h.shnum(); i++) {
            int at = i * h.shentsize();
            out.add(h.is64()
                    ? new SectionHeader(i, b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 24),
                            b.getLong(at + 32))
                    : new SectionHeader(i, b.getInt(at + 4), u32(b, at + 8), u32(b, at + 12), u32(b, at + 16),
                            u32(b, at + 20)));
        }
        return List.copyOf(out);
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
