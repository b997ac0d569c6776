package org.elfmap.pages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.elfmap.BadInputException;

/**
 * Where a zip entry's data begins: after its local file header (APPNOTE.TXT 4.3.7: 30 fixed bytes,
 * then the file name and the extra field, whose lengths the local header itself gives — they may
 * differ from the central directory's, which is why zipalign pads through the local extra field).
 *
 * <p>Why read it here rather than let commons-compress: it reads every entry's local header when
 * the archive is opened, and a jar of 20,000 classes then costs 40,000 system calls for the one
 * or two {@code .so} entries a page check needs (measured: bench/check-pages.sh over /usr, whose
 * 346 archives made most of the run). The archive is opened with local headers ignored and only
 * the library entries' are read, by this.
 */
final class LocalHeader {
    private static final int SIGNATURE = 0x04034b50;
    private static final int FIXED = 30;

    private LocalHeader() {
    }

    static long dataOffset(FileChannel archive, long headerOffset, String entry) throws IOException {
        long size = archive.size();
        if (headerOffset < 0 || headerOffset > size - FIXED) {
            throw new BadInputException(entry, String.format("local header at 0x%x lies outside the archive", headerOffset));
        }
        ByteBuffer b = ByteBuffer.allocate(FIXED).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (archive.read(b, headerOffset + b.position()) < 0) {
                throw new BadInputException(entry, "the archive ends inside a local header");
            }
        }
        if (b.getInt(0) != SIGNATURE) {
            throw new BadInputException(entry, String.format("no local header signature at 0x%x", headerOffset));
        }
        long data = headerOffset + FIXED + Short.toUnsignedInt(b.getShort(26)) + Short.toUnsignedInt(b.getShort(28));
        if (data > size) {
            throw new BadInputException(entry, String.format("entry data at 0x%x starts past the archive's end", data));
        }
        return data;
    }
}
