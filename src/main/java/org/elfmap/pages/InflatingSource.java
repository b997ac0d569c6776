package org.elfmap.pages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.elfmap.BadInputException;
import org.elfmap.elf.ByteSource;
import org.elfmap.elf.ElfFormatException;

/**
 * A compressed archive entry read by range without holding it: the entry is inflated forward to
 * each range asked for (and again from its start for a range behind), so memory holds only the
 * ranges the ELF reader asks for, and every byte inflated is charged to the archive's
 * {@link InflateBudget}. The size is the central directory's claim; a stream that ends before it
 * is a malformed entry. Before, each entry was inflated whole into memory (up to 64 MiB), and 20
 * entries pointing at one 1 GiB stream of zeros took 2.7 GB and 3.5 s (issue 16 item 8).
 */
final class InflatingSource implements ByteSource {
    private final String name;
    private final ZipFile zip;
    private final ZipArchiveEntry entry;
    private final InflateBudget budget;
    private InputStream in;
    private long position;

    InflatingSource(String name, ZipFile zip, ZipArchiveEntry entry, InflateBudget budget) {
        this.name = name;
        this.zip = zip;
        this.entry = entry;
        this.budget = budget;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return entry.getSize();
    }

    @Override
    public ByteBuffer read(long offset, int length) throws IOException {
        if (in == null || offset < position) {
            close();
            in = zip.getInputStream(entry);
            position = 0;
        }
        skipTo(offset);
        byte[] out = new byte[length];
        int got = 0;
        while (got < length) {
            budget.check(name);
            int n = in.read(out, got, Math.min(length - got, 64 * 1024));
            if (n < 0) {
                throw new ElfFormatException(name, "the compressed entry ends at byte " + position + ", before its " + size()
                        + " bytes (the central directory's size)");
            }
            budget.spend(n);
            got += n;
            position += n;
        }
        return ByteBuffer.wrap(out);
    }

    private void skipTo(long offset) throws IOException {
        byte[] scratch = new byte[(int) Math.min(64 * 1024, Math.max(1, offset - position))];
        while (position < offset) {
            int want = (int) Math.min(scratch.length, offset - position);
            budget.check(name);
            int n = in.read(scratch, 0, want);
            if (n < 0) {
                throw new ElfFormatException(name, "the compressed entry ends at byte " + position + ", before its " + size()
                        + " bytes (the central directory's size)");
            }
            budget.spend(n);
            position += n;
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
    }

    /**
     * The bytes one archive may inflate in all: {@link #FLOOR} or {@link #RATIO} times the
     * archive's size, whichever is more. Native libraries deflate to a third or a half of their
     * size, so a real archive inflates to a few times its size; deflate's own limit is about
     * 1032:1, which is what a zip bomb uses. Spent, the remaining compressed entries are reported
     * malformed and the scan goes on.
     */
    static final class InflateBudget {
        static final long FLOOR = 512L << 20;
        static final long RATIO = 16;
        private final long limit;
        private long spent;

        InflateBudget(long limit) {
            this.limit = limit;
        }

        static InflateBudget forArchive(long archiveSize) {
            long scaled = archiveSize > Long.MAX_VALUE / RATIO ? Long.MAX_VALUE : archiveSize * RATIO;
            return new InflateBudget(Math.max(FLOOR, scaled));
        }

        /** Before inflating more: refuses once the budget is spent. */
        void check(String entry) {
            if (spent >= limit) {
                throw new BadInputException(entry, "not inflated: the archive has used its budget of " + limit
                        + " inflated bytes (the larger of " + (FLOOR >> 20) + " MiB and " + RATIO
                        + " times its size): a zip bomb?");
            }
        }

        void spend(long bytes) {
            spent += bytes;
        }

        long spent() {
            return spent;
        }
    }
}
