package org.elfmap.pages;

/**
 * Why a file, a directory or an archive could not be read, as values: the output layer writes the
 * sentences ({@code output.pages.PageText#readFailure}). The archive cases are Android's checks
 * of the end record ({@link ZipEnd}) and elfmap's refusal of overlapping entries
 * ({@link ArchiveEntries#overlap}).
 */
public sealed interface ReadFailure {
    /** Opening or reading the file failed: the system's reason (strerror), as it came. */
    record CannotRead(String systemReason) implements ReadFailure {
    }

    /** A directory of a tree could not be listed (part way, or at all). */
    record DirectoryUnreadable(String systemReason) implements ReadFailure {
    }

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
