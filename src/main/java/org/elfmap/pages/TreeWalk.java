package org.elfmap.pages;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The regular files under a directory, for {@code check-pages}: depth first, each directory's
 * entries in the byte order of their names (as {@code LC_ALL=C ls} lists them, so every format's
 * output is the same on every machine and file system, whatever order {@code readdir} gives), each
 * file once (by file key, so hard links and links to one file are read once).
 *
 * <ul>
 * <li>Only regular files are handed on: a FIFO, socket or device is never opened (opening a FIFO
 * blocks until a writer comes; issue 16 item 3).</li>
 * <li>Symbolic links to files are followed. Symbolic links to directories are not, unless
 * {@code follow} ({@code --follow}): a link to {@code /} or {@code /proc/self} inside a tree
 * would otherwise walk the whole file system (issue 16 item 2). A link whose target lies inside
 * the tree loses nothing, since the walk reaches the target anyway; links leading out of it are
 * counted ({@link #linksNotFollowed}). With {@code follow}, a directory met again on the current
 * path is a loop and is not entered again ({@code find -L} says "File system loop detected"), and
 * a directory reached twice by different links is walked once.</li>
 * <li>A directory that cannot be read is handed to {@link Visitor#unreadable} and the walk goes
 * on: never fatal, never silent.</li>
 * </ul>
 * Memory: one directory's listing per level of depth, and the file keys seen.
 */
public final class TreeWalk {
    /** What the walk finds. */
    public interface Visitor {
        void file(Path file) throws IOException;

        /** {@code dir} could not be listed (part way, or at all): the system's reason. */
        void unreadable(Path dir, String systemReason);

        /** Whether to walk into {@code dir} (every directory, unless a reader skips some: {@code .git}). */
        default boolean enters(Path dir) {
            return true;
        }
    }

    /** The ELF magic is 4 bytes; a zip is at least its 22-byte end record. */
    static final int MIN_SIZE = 4;

    private final boolean follow;
    private final Optional<Path> boundary;
    private final Visitor visitor;
    private final Set<Object> seenFiles;
    private final Set<Object> seenDirs = new HashSet<>();
    private int linksNotFollowed;

    /**
     * @param seenFiles file keys already checked, shared with the caller so a file is checked once per run
     * @param root      a sysroot ({@code --root}) that no link may lead out of, file links included
     *                  (issue 16 item 13); the files a link inside it names are walked there anyway
     */
    public TreeWalk(boolean follow, Optional<Path> root, Set<Object> seenFiles, Visitor visitor) {
        this.follow = follow;
        this.boundary = root.map(TreeWalk::real);
        this.seenFiles = seenFiles;
        this.visitor = visitor;
    }

    public int linksNotFollowed() {
        return linksNotFollowed;
    }

    /**
     * One level of the walk: a directory, its entries sorted, and what went wrong part way through
     * reading its listing (said after the entries that were read).
     */
    private record Level(Path dir, Iterator<Path> entries, Optional<String> error) {
    }

    /** Walks the tree at {@code top}, which the caller has seen to be a directory (a named link to one is followed). */
    public void walk(Path top) throws IOException {
        Path realTop = top.toRealPath();
        Deque<Level> path = new ArrayDeque<>();
        enter(top, keyOf(top, Files.readAttributes(top, BasicFileAttributes.class)), path);
        while (!path.isEmpty()) {
            Level level = path.peek();
            if (level.entries().hasNext()) {
                visit(level.entries().next(), realTop, path);
            } else {
                path.pop().error().ifPresent(why -> visitor.unreadable(level.dir(), why));
            }
        }
    }

    private void visit(Path entry, Path realTop, Deque<Level> path) throws IOException {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // gone since it was listed
        }
        BasicFileAttributes attrs = own;
        if (own.isSymbolicLink()) {
            try {
                attrs = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (IOException e) {
                return; // a dangling link or a link loop names no file to check
            }
            if (boundary.isPresent() && !inside(entry, boundary.get())) {
                linksNotFollowed++;
                return;
            }
            if (attrs.isDirectory()) {
                link(entry, attrs, realTop, path);
                return;
            }
        }
        if (attrs.isDirectory()) {
            Object key = keyOf(entry, attrs);
            if (!seenDirs.contains(key)) {
                enter(entry, key, path);
            }
        } else if (attrs.isRegularFile() && attrs.size() >= MIN_SIZE && seenFiles.add(keyOf(entry, attrs))) {
            visitor.file(entry);
        }
        // anything else is not opened: a FIFO, socket or device, and files too short to be ELF or
        // zip (procfs files, which claim size 0, among them: /proc/kmsg blocks a reader)
    }

    private void link(Path link, BasicFileAttributes target, Path realTop, Deque<Level> path) {
        if (!follow) {
            if (!inside(link, realTop)) {
                linksNotFollowed++;
            }
            return;
        }
        // a directory is walked once: a loop leads back to one being walked, up the current path
        Object key = keyOf(link, target);
        if (!seenDirs.contains(key)) {
            enter(link, key, path);
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static boolean inside(Path link, Path realTop) {
        try {
            return link.toRealPath().startsWith(realTop);
        } catch (IOException e) {
            return true; // gone or unreachable: nothing was left out
        }
    }

    /**
     * Reads {@code dir}'s listing whole and sorts it: {@link Path#compareTo} on Linux compares the
     * names' bytes, unsigned (UnixPath), and the entries share their parent.
     */
    private void enter(Path dir, Object key, Deque<Level> path) {
        if (!path.isEmpty() && !visitor.enters(dir)) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        Optional<String> error = Optional.empty();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                entries.add(p);
            }
        } catch (DirectoryIteratorException e) {
            // a read error in the middle of a listing (EIO, a directory of a process that exited)
            error = Optional.of(reason(e.getCause()));
        } catch (IOException e) {
            if (entries.isEmpty()) {
                visitor.unreadable(dir, reason(e));
                return;
            }
            error = Optional.of(reason(e));
        }
        entries.sort(null);
        seenDirs.add(key);
        path.push(new Level(dir, entries.iterator(), error));
    }

    /**
     * The system's words (strerror) without the path, which the report names already (the JDK's
     * message of a {@code FileSystemException} repeats the path). Also for other reports of a file
     * that failed ({@code CheckGithub}'s step summary).
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private static Object keyOf(Path p, BasicFileAttributes a) {
        Object k = a.fileKey();
        return k != null ? k : p.toAbsolutePath().normalize();
    }
}
