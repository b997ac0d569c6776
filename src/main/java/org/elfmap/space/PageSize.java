package org.elfmap.space;

import org.elfmap.BadInputException;

/**
 * The run-time page size {@code P}: a parameter of every model, independent of the file's
 * {@code p_align}. The one place where addresses are rounded to pages.
 */
public record PageSize(long bytes) {
    public static final PageSize P4K = new PageSize(4096);
    public static final PageSize P16K = new PageSize(16384);
    public static final PageSize P64K = new PageSize(65536);

    public PageSize {
        if (bytes < 1024 || Long.bitCount(bytes) != 1 || bytes > (1L << 30)) {
            throw new BadInputException("--page-size", "page size " + bytes
                    + " is not a power of two between 1 KiB and 1 GiB");
        }
    }

    /** Parses {@code 4k}, {@code 16K}, {@code 64k}, {@code 2m}, {@code 4096} or {@code 0x1000}. */
    public static PageSize parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1;
        if (t.endsWith("kib") || t.endsWith("k")) {
            mult = 1024;
            t = t.substring(0, t.length() - (t.endsWith("kib") ? 3 : 1));
        } else if (t.endsWith("mib") || t.endsWith("m")) {
            mult = 1024 * 1024;
            t = t.substring(0, t.length() - (t.endsWith("mib") ? 3 : 1));
        }
        try {
            long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            return new PageSize(Math.multiplyExact(v, mult));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInputException("--page-size", "'" + text + "' is not a page size (try 4k, 16k, 64k or bytes)");
        }
    }

    /** {@code rd(x)}: round down to a page boundary. */
    public long down(long x) {
        return x & -bytes;
    }

    /** {@code ru(x)}: round up to a page boundary. */
    public long up(long x) {
        return (x + bytes - 1) & -bytes;
    }

    public boolean aligned(long x) {
        return (x & (bytes - 1)) == 0;
    }

    public long offsetIn(long x) {
        return x & (bytes - 1);
    }

    public long pages(long length) {
        return length / bytes;
    }

    /** {@code 4k}, {@code 16k}, {@code 64k}... as users type it. */
    public String label() {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "m" : bytes / 1024 + "k";
    }
}
