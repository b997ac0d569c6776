package org.elfmap.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.RawNames;

/**
 * Where the loader's file system is: this machine's {@code /}, or a sysroot ({@code --root DIR})
 * in which every absolute path, and every absolute symlink target met on the way, is taken inside
 * {@code DIR}. Debian's {@code /lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/...} would
 * otherwise lead out of the sysroot into the host's own files.
 */
public final class Sysroot {
    /** Linux's limit on symlinks followed in one lookup ({@code MAXSYMLINKS}). */
    private static final int MAX_SYMLINKS = 40;
    private static final Sysroot HOST = new Sysroot(Optional.empty());

    private final Optional<Path> root;

    private Sysroot(Optional<Path> root) {
        this.root = root;
    }

    public static Sysroot host() {
        return HOST;
    }

    public static Sysroot at(Path dir) {
        return new Sysroot(Optional.of(dir.toAbsolutePath().normalize()));
    }

    public static Sysroot of(Optional<Path> dir) {
        return dir.map(Sysroot::at).orElse(HOST);
    }

    public Optional<Path> root() {
        return root;
    }

    /**
     * The host file that the loader's path names. Without a sysroot, the path as given (a
     * relative one from the current directory, as for the loader itself). With one, every path
     * lies inside it: absolute ones from its top, and relative ones too (a DT_NEEDED name with a
     * '/', a relative entry of the root's ld.so.cache or search path: the loader would open them
     * from its current directory, which is not known here, and the host's is outside the root;
     * issue 16 item 13). Names keep their bytes ({@link RawNames}).
     *
     * @throws SymlinkLoop when more than 40 links are met inside the root (ELOOP)
     */
    public Path file(String path) {
        if (root.isEmpty()) {
            return RawNames.path(path.isEmpty() ? "." : path);
        }
        Optional<String> inside = resolveInside(path.startsWith("/") ? path : "/" + path);
        if (inside.isEmpty()) {
            throw new SymlinkLoop(path, describe());
        }
        return inRoot(inside.get());
    }

    /**
     * A path the user named on the command line: a relative one is the user's, from the current
     * directory (a program built on the host, predicted against the sysroot's libraries); an
     * absolute one lies inside the sysroot, as for {@link #file}.
     */
    public Path named(String path) {
        return root.isEmpty() || path.startsWith("/") ? file(path) : RawNames.path(path.isEmpty() ? "." : path);
    }

    /** The host path of an absolute, resolved in-root path. */
    private Path inRoot(String absolute) {
        return absolute.equals("/") ? root.get() : root.get().resolve(RawNames.path(absolute.substring(1)));
    }

    /**
     * The host file of the path when it names a regular file (after following links), as
     * {@code open} would find it; empty when it is missing, not a file, or caught in a link loop.
     * One walk of the path (with a root, {@link #file} resolves each component): ask this, then use
     * the path it gives.
     */
    public Optional<Path> regularFile(String path) {
        try {
            Path f = file(path);
            return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
        } catch (SymlinkLoop | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Whether the path names a directory (after following links). */
    public boolean isDirectory(String path) {
        try {
            return Files.isDirectory(file(path));
        } catch (SymlinkLoop | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** More symbolic links than Linux follows in one lookup (MAXSYMLINKS, 40): ELOOP. */
    public static final class SymlinkLoop extends BadInputException {
        SymlinkLoop(String path, String root) {
            super(path, "too many levels of symbolic links inside " + root);
        }
    }

    /**
     * The path with every symlink resolved, in the loader's terms (what {@code /proc/self/exe}
     * shows for a program started by that path). Empty when it does not exist.
     */
    public Optional<String> realPath(String path) {
        if (root.isEmpty() || !path.startsWith("/")) {
            try {
                return Optional.of(RawNames.carried(named(path).toRealPath()));
            } catch (IOException | BadInputException e) {
                return Optional.empty();
            }
        }
        return resolveInside(path).filter(p -> Files.exists(inRoot(p), LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Follows the path component by component inside the root: {@code ..} stops at the root,
     * absolute link targets restart at the root. Returns the resolved absolute in-root path; a
     * missing component ends the walk with the rest appended unresolved.
     */
    private Optional<String> resolveInside(String path) {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            Path here = inRoot("/" + String.join("/", done) + (done.isEmpty() ? "" : "/") + part);
            if (Files.isSymbolicLink(here)) {
                if (++links > MAX_SYMLINKS) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = RawNames.carried(Files.readSymbolicLink(here));
                } catch (IOException e) {
                    return Optional.empty();
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.addLast(part);
        }
        return Optional.of("/" + String.join("/", done));
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    /** {@code /} or the sysroot directory, for messages. */
    public String describe() {
        return root.map(Path::toString).orElse("/");
    }
}
