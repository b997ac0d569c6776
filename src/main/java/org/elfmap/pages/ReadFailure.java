package org.elfmap.pages;

/**
 * Why an archive could not be read, as values (a file or directory that cannot be read at all is
 * not checked: {@link PageChecker}): the output layer writes the
 * sentences ({@code output.pages.PageText#readFailure}). The archive cases are Android's checks
 * of the end record ({@link ZipEnd}) and elfmap's refusal of overlapping entries
 * ({@link ArchiveEntries#overlap}).
 */
public sealed interface ReadFailure {
    /** An archive whose reading failed in the zip reader: its one line, as it came. */
    record ZipUnreadable(String readerMessage) implements ReadFailure {
    }

    /** Shorter than the 22-byte end of central directory record. */
    record ShorterThanEndRecord(long size) implements ReadFailure {
    }

    /** The archive got shorter while its end was read. */
    record ShrankWhileRead() implements ReadFailure {
    }

    /** No end record signature in the last {@code searched} bytes ("EOCD not found", kInvalidFile). */
    record NoEndRecord(int searched) implements ReadFailure {
    }

    /** {@code extra} bytes after the end record at {@code endRecord} and its {@code comment}-byte comment (kInvalidFile). */
    record ExtraneousBytes(long extra, long endRecord, int comment) implements ReadFailure {
    }

    /** The central directory at {@code start}, {@code size} bytes long, runs past its end record (kInvalidOffset). */
    record CentralDirectoryPastEnd(long start, long size, long endRecord) implements ReadFailure {
    }

    /**
     * The end record counts {@code entries} entries, more than a central directory of {@code size}
     * bytes can hold at 46 bytes each (libziparchive {@code ParseZipArchive}: "ran off the end", kInvalidFile).
     */
    record MoreEntriesThanFit(long entries, long size) implements ReadFailure {
    }

    /** A ZIP64 locator points at {@code at}, where no ZIP64 end record is (kInvalidFile, kInvalidOffset). */
    record NoZip64Record(long at) implements ReadFailure {
    }

    /** No entries listed, yet {@code before} bytes precede the end record (fake end records, or an archive cut short). */
    record NothingListed(long before) implements ReadFailure {
    }

    /** An Android package with no entries (kEmptyArchive). */
    record EmptyPackage() implements ReadFailure {
    }

    /** Entries {@code first} and {@code second} overlap at {@code at}: a zip bomb's trick. */
    record EntriesOverlap(String first, String second, long at) implements ReadFailure {
    }
}
