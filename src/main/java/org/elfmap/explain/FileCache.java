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

        /** The file cannot stand for the mapping: why, in words ("no such file", "changed since mapped"...). */
        record Unavailable(String reason) implements Lookup {
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
                return new Lookup.Unavailable("the path names a directory (cut short in the capture?)");
            }
            if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
                return new Lookup.NotElf(); // a device or socket: never read it (it may block)
            }
            stamp = new Stamp((Long) a.get("ino"), (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"));
        } catch (NoSuchFileException e) {
            return new Lookup.Unavailable("no such file");
        } catch (AccessDeniedException e) {
            return new Lookup.Unavailable("permission denied");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new Lookup.Unavailable("cannot read it: " + e.getMessage());
        }
        if (mappedInode.isPresent() && mappedInode.getAsLong() != stamp.inode()) {
            return new Lookup.Unavailable("changed since it was mapped: the file now at that path is inode "
                    + stamp.inode() + ", the mapping is of inode " + mappedInode.getAsLong());
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
                return new Lookup.Unavailable("an ELF file without PT_LOAD segments");
            }
            return new Lookup.ElfObject(elf, g);
        } catch (BadInputException e) {
            return new Lookup.Unavailable("not a well-formed ELF file: " + e.getMessage());
        } catch (IOException e) {
            return new Lookup.Unavailable("cannot read it: " + e.getMessage());
        }
    }
}
