package org.elfmap.explain;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.elfmap.BadInputException;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.FileByteSource;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prediction;

/**
 * The files that mappings name, read once: keyed by the resolved path and checked against the
 * file's inode, size and modification time, so {@code top} reads each library once for every
 * process that maps it, and a file replaced since is read again. Safe to share between threads.
 */
public final class FileCache {
    /** What the file behind a mapping turned out to be. */
    sealed interface Lookup permits Lookup.ElfObject, Lookup.NotElf, Lookup.Unavailable {
        record ElfObject(ElfFile elf, Geometry geometry) implements Lookup {
        }

        record NotElf() implements Lookup {
        }

        /** The file cannot stand for the mapping: why, and the system's words where they add something. */
        record Unavailable(Prediction.FileProblem problem, String detail) implements Lookup {
            Unavailable(Prediction.FileProblem problem) {
                this(problem, "");
            }
        }
    }

    private record Stamp(long inode, long size, FileTime mtime) {
        // written out: a record's generated equals is bootstrapped by invokedynamic on first use
        // (~10-20 ms of start-up, not stored in AOT caches; README "Performance")
        @Override
        public boolean equals(Object o) {
            return o instanceof Stamp t && t.inode == inode && t.size == size && t.mtime.equals(mtime);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(inode) * 31 + mtime.hashCode();
        }
    }

    private record Cached(Stamp stamp, Lookup lookup) {
    }

    private final PageSize page;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();
    /** Lookups of files whose inode was checked, by the mapping's {@code dev:inode}. */
    private final Map<String, Lookup> byIdentity = new ConcurrentHashMap<>();

    public FileCache(PageSize page) {
        this.page = page;
    }

    public PageSize page() {
        return page;
    }

    /**
     * The file at {@code file}; when {@code mappedInode} is given, a file with another inode is
     * not the one that was mapped (replaced by an upgrade, or a capture from another machine).
     */
    Lookup lookup(Path file, OptionalLong mappedInode) {
        return lookup(file, "", mappedInode);
    }

    /**
     * The lookup of a file already found by the mapping's {@code identity} ({@code dev:inode}), its
     * inode checked: asked before any path is resolved. Empty when not known yet, or when the
     * mapping gives no inode to check.
     */
    Optional<Lookup> known(String identity, OptionalLong mappedInode) {
        if (mappedInode.isEmpty() || identity.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byIdentity.get(identity));
    }

    /**
     * The file at {@code file}, known by the mapping's {@code identity} ({@code dev:inode}): once
     * a file with that identity was found (its inode checked), every later mapping of it, in any
     * process and under any path, is answered without a system call. So {@code top} stats and
     * reads each file once per (dev, inode) for the whole scan, not once per process (a process of
     * sleep maps 17 files: the program, libc, ld.so, 14 locale files). A file rewritten in place
     * during the scan keeps its inode and is seen as it was first read.
     */
    Lookup lookup(Path file, String identity, OptionalLong mappedInode) {
        boolean known = mappedInode.isPresent() && !identity.isEmpty();
        if (known) {
            Lookup l = byIdentity.get(identity);
            if (l != null) {
                return l;
            }
        }
        Stamp stamp;
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:ino,size,lastModifiedTime,isRegularFile,isDirectory");
            if (Boolean.TRUE.equals(a.get("isDirectory"))) {
                return new Lookup.Unavailable(Prediction.FileProblem.DIRECTORY);
            }
            if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
                return new Lookup.NotElf(); // a device or socket: never read it (it may block)
            }
            stamp = new Stamp((Long) a.get("ino"), (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"));
        } catch (NoSuchFileException e) {
            return new Lookup.Unavailable(Prediction.FileProblem.NO_SUCH_FILE);
        } catch (AccessDeniedException e) {
            return new Lookup.Unavailable(Prediction.FileProblem.PERMISSION_DENIED);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new Lookup.Unavailable(Prediction.FileProblem.CANNOT_READ, String.valueOf(e.getMessage()));
        }
        if (mappedInode.isPresent() && mappedInode.getAsLong() != stamp.inode()) {
            return new Lookup.Unavailable(Prediction.FileProblem.CHANGED_SINCE_MAPPED,
                    "inode " + stamp.inode() + " at that path, inode " + mappedInode.getAsLong() + " mapped");
        }
        // the Path, not its string: two names that differ in bytes decode to one string (U+FFFD)
        Path key = file;
        Cached c = cache.get(key);
        if (c != null && c.stamp().equals(stamp)) {
            if (known) {
                byIdentity.putIfAbsent(identity, c.lookup());
            }
            return c.lookup();
        }
        Lookup l = read(file);
        cache.put(key, new Cached(stamp, l));
        if (known) {
            byIdentity.putIfAbsent(identity, l);
        }
        return l;
    }

    private Lookup read(Path file) {
        try (FileByteSource src = FileByteSource.open(file)) {
            if (!Elf.hasMagic(src)) {
                return new Lookup.NotElf();
            }
            ElfFile elf = Elf.read(src);
            Geometry g = new Geometry(elf, page);
            if (g.isEmpty()) {
                return new Lookup.Unavailable(Prediction.FileProblem.NO_LOADS);
            }
            return new Lookup.ElfObject(elf, g);
        } catch (BadInputException e) {
            return new Lookup.Unavailable(Prediction.FileProblem.MALFORMED, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            return new Lookup.Unavailable(Prediction.FileProblem.CANNOT_READ, String.valueOf(e.getMessage()));
        }
    }
}
