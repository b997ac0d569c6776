package org.elfmap.pages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * The end of central directory record checked as Android reads it, before commons-compress reads
 * the directory: AOSP {@code libziparchive/zip_archive.cc} {@code FindCentralDirectoryInfo} (was
 * {@code MapCentralDirectory0}) takes the last EOCD signature in the file's final 64 KiB + 22
 * bytes and refuses the archive when
 * <ul>
 * <li>no signature is there ("EOCD not found ... is not zip", {@code kInvalidFile});</li>
 * <li>the record and its comment do not end exactly at the end of the file ("extraneous bytes at
 * the end of the central directory", {@code kInvalidFile});</li>
 * <li>the central directory runs past the record ("bad offsets", {@code kInvalidOffset});</li>
 * <li>it lists no entries ("empty archive?", {@code kEmptyArchive}).</li>
 * </ul>
 * An APK that fails these is not installable, so its libraries' verdicts would mean nothing;
 * before, 3,000 fake end records appended to an APK hid its libraries ("0 checked", exit 0; issue
 * 16 item 15). ZIP64 records (a field at its maximum) are left to commons-compress.
 *
 * <p>One more rule of elfmap's own: an archive that lists no entries but has other bytes before
 * its end record (fake end records, or a real archive cut off by one) is malformed whatever its
 * kind; a genuinely empty {@code .zip} or {@code .jar} (22 bytes) is allowed, an empty Android
 * package is not (libziparchive's {@code kEmptyArchive}).
 */
final class ZipEnd {
    static final int SIGNATURE = 0x06054b50;
    static final int RECORD = 22;
    private static final int MAX_COMMENT = 0xffff;

    private ZipEnd() {
    }

    /** Why Android would refuse this archive, or empty when its end record is sound. */
    static Optional<ReadFailure> problem(FileChannel archive, boolean androidPackage) throws IOException {
        long size = archive.size();
        if (size < RECORD) {
            return Optional.of(new ReadFailure.ShorterThanEndRecord(size));
        }
        int span = (int) Math.min(size, RECORD + MAX_COMMENT);
        long start = size - span;
        ByteBuffer b = ByteBuffer.allocate(span).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (archive.read(b, start + b.position()) < 0) {
                return Optional.of(new ReadFailure.ShrankWhileRead());
            }
        }
        int i = span - RECORD;
        while (i >= 0 && b.getInt(i) != SIGNATURE) {
            i--;
        }
        if (i < 0) {
            return Optional.of(new ReadFailure.NoEndRecord(span));
        }
        long eocd = start + i;
        int entries = Short.toUnsignedInt(b.getShort(i + 10));
        long cdSize = Integer.toUnsignedLong(b.getInt(i + 12));
        long cdStart = Integer.toUnsignedLong(b.getInt(i + 16));
        int comment = Short.toUnsignedInt(b.getShort(i + 20));
        if (eocd + RECORD + comment != size) {
            return Optional.of(new ReadFailure.ExtraneousBytes(size - (eocd + RECORD + comment), eocd, comment));
        }
        boolean zip64 = entries == 0xffff || cdSize == 0xffffffffL || cdStart == 0xffffffffL;
        if (zip64) {
            return Optional.empty();
        }
        if (cdStart + cdSize > eocd) {
            return Optional.of(new ReadFailure.CentralDirectoryPastEnd(cdStart, cdSize, eocd));
        }
        if (entries == 0 && eocd > 0) {
            return Optional.of(new ReadFailure.NothingListed(eocd));
        }
        if (entries == 0 && androidPackage) {
            return Optional.of(new ReadFailure.EmptyPackage());
        }
        return Optional.empty();
    }
}
