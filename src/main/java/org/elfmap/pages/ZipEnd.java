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
 * and, from {@code ParseZipArchive}, when the directory cannot hold the entries the record counts
 * ("ran off the end", {@code kInvalidFile}: every entry's fixed part is 46 bytes, APPNOTE.TXT 4.3.12).
 * An APK that fails these is not installable, so its libraries' verdicts would mean nothing;
 * before, 3,000 fake end records appended to an APK hid its libraries ("0 checked", exit 0; issue
 * 16 item 15).
 *
 * <p>ZIP64 (APPNOTE.TXT 4.3.14-15): a field at its maximum ({@code 0xffff} entries, a size or
 * offset of {@code 0xffffffff}) means "see the ZIP64 end record" only when a ZIP64 locator stands
 * just before the end record; then the counts come from the ZIP64 record, which must be where the
 * locator says ({@code FindCentralDirectoryInfoForZip64}), and the same rules apply to them.
 * Without a locator the fields are plain values and are checked as such (libziparchive refuses
 * the archive outright then; so does this check, through the same rules).
 *
 * <p>One more rule of elfmap's own: an archive that lists no entries but has other bytes before
 * its end record (fake end records, or a real archive cut off by one) is malformed whatever its
 * kind; a genuinely empty {@code .zip} or {@code .jar} (22 bytes) is allowed, an empty Android
 * package is not (libziparchive's {@code kEmptyArchive}).
 */
final class ZipEnd {
    static final int SIGNATURE = 0x06054b50;
    static final int RECORD = 22;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR = 20;
    private static final int ZIP64_SIGNATURE = 0x06064b50;
    private static final int ZIP64_RECORD = 56;
    /** A central directory entry's fixed part (APPNOTE.TXT 4.3.12), before its name, extra field and comment. */
    static final int DIRECTORY_ENTRY = 46;
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
        long entries = Short.toUnsignedInt(b.getShort(i + 10));
        long cdSize = Integer.toUnsignedLong(b.getInt(i + 12));
        long cdStart = Integer.toUnsignedLong(b.getInt(i + 16));
        int comment = Short.toUnsignedInt(b.getShort(i + 20));
        if (eocd + RECORD + comment != size) {
            return Optional.of(new ReadFailure.ExtraneousBytes(size - (eocd + RECORD + comment), eocd, comment));
        }
        long end = eocd; // where the central directory must end: the (ZIP64) end record
        boolean marker = entries == 0xffff || cdSize == 0xffffffffL || cdStart == 0xffffffffL;
        if (marker && eocd >= ZIP64_LOCATOR && read(archive, eocd - ZIP64_LOCATOR, 4).getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
            long record = read(archive, eocd - ZIP64_LOCATOR + 8, 8).getLong(0);
            if (record < 0 || record > eocd - ZIP64_LOCATOR - ZIP64_RECORD
                    || read(archive, record, 4).getInt(0) != ZIP64_SIGNATURE) {
                return Optional.of(new ReadFailure.NoZip64Record(record));
            }
            ByteBuffer z = read(archive, record, ZIP64_RECORD);
            entries = z.getLong(32);
            cdSize = z.getLong(40);
            cdStart = z.getLong(48);
            end = record;
        }
        // unsigned 64-bit values from a ZIP64 record: "negative" ones are past any file
        if (cdStart < 0 || cdSize < 0 || cdStart > end - cdSize) {
            return Optional.of(new ReadFailure.CentralDirectoryPastEnd(cdStart, cdSize, end));
        }
        if (entries < 0 || entries > cdSize / DIRECTORY_ENTRY) {
            return Optional.of(new ReadFailure.MoreEntriesThanFit(entries, cdSize));
        }
        if (entries == 0 && eocd > 0) {
            return Optional.of(new ReadFailure.NothingListed(eocd));
        }
        if (entries == 0 && androidPackage) {
            return Optional.of(new ReadFailure.EmptyPackage());
        }
        return Optional.empty();
    }

    /** {@code n} bytes at {@code at}, little-endian; a file cut short reads as zeros (no signature matches them). */
    private static ByteBuffer read(FileChannel archive, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && archive.read(b, at + b.position()) >= 0) {
            // until full or at the end of the file
        }
        return b.clear();
    }
}
