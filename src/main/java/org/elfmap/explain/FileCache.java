package org.elfmap.explain;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
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
    }

    private record Cached(Stamp stamp, Lookup lookup) {
    }

    private final PageSize page;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

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
        String key = file.toString();
        Cached c = cache.get(key);
        if (c != null && c.stamp().equals(stamp)) {
            return c.lookup();
        }
        Lookup l = read(file);
        cache.put(key, new Cached(stamp, l));
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
