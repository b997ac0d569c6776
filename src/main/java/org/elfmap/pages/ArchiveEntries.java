package org.elfmap.pages;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.elfmap.elf.ByteSource;
import org.elfmap.pages.InflatingSource.InflateBudget;

/**
 * A zip archive read the hardened way (docs/reliability.md), for every reader of archives in
 * check-pages: the end record checked as Android checks it ({@link ZipEnd}), entries whose data
 * overlap refused before anything is inflated ({@link #overlap}), and what is inflated bounded
 * per archive ({@link InflateBudget}), each entry read by range ({@link InflatingSource}), never
 * whole into memory.
 */
public final class ArchiveEntries {
    private ArchiveEntries() {
    }

    /** What a reader does with one entry's bytes (closed after it returns). */
    @FunctionalInterface
    public interface Visitor {
        void entry(ZipArchiveEntry entry, ByteSource bytes) throws IOException;
    }

    /**
     * Hands {@code visitor} every file entry whose name {@code wanted} accepts, in physical order.
     * Returns why the archive is refused (its end record, overlapping entries), or empty when it
     * was read; an entry past the budget throws from its source's reads.
     */
    public static Optional<ReadFailure> read(Path file, Predicate<String> wanted, Visitor visitor) throws IOException {
        ArchiveKind kind = ArchiveKind.of(file.getFileName().toString());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Optional<ReadFailure> end = ZipEnd.problem(ch, kind.androidPackage());
            if (end.isPresent()) {
                return end;
            }
            try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new BufferedReadChannel(ch))
                    .setIgnoreLocalFileHeader(true).get()) {
                Optional<ReadFailure> overlap = overlap(zip);
                if (overlap.isPresent()) {
                    return overlap;
                }
                InflateBudget budget = InflateBudget.forArchive(ch.size());
                for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
                    ZipArchiveEntry e = en.nextElement();
                    if (!e.isDirectory() && wanted.test(e.getName())) {
                        try (InflatingSource src = new InflatingSource(file + "!/" + e.getName(), zip, e, budget)) {
                            visitor.entry(e, src);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Entries whose data overlap: the trick of the "better zip bomb" (CVE-2019-13232, fixed in
     * Info-ZIP UnZip by refusing overlapped components), where thousands of central directory
     * entries point at one deflate stream. In physical order each entry must end before the next
     * begins; the end used is a lower bound (its local header's fixed 30 bytes and its compressed
     * data), so an archive this refuses overlaps for certain.
     */
    static Optional<ReadFailure> overlap(ZipFile zip) {
        ZipArchiveEntry previous = null;
        for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
            ZipArchiveEntry e = en.nextElement();
            if (previous != null) {
                long end = previous.getLocalHeaderOffset() + 30 + Math.max(0, previous.getCompressedSize());
                if (e.getLocalHeaderOffset() < end) {
                    return Optional.of(new ReadFailure.EntriesOverlap(previous.getName(), e.getName(),
                            e.getLocalHeaderOffset()));
                }
            }
            previous = e;
        }
        return Optional.empty();
    }
}
