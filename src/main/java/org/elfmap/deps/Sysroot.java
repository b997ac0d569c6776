package org.elfmap.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

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
     * The host file that the loader's path names. Relative paths are relative to the current
     * directory, as they are for the loader itself; absolute ones lie inside the sysroot.
     */
    public Path file(String path) {
        if (root.isEmpty() || !path.startsWith("/")) {
            return Path.of(path.isEmpty() ? "." : path);
        }
        return resolveInside(path).map(p -> root.get().resolve(p.substring(1))).orElseGet(
                () -> root.get().resolve(path.substring(1)));
    }

    /** Whether the path names a regular file (after following links), as {@code open} would find it. */
    public boolean isFile(String path) {
        return Files.isRegularFile(file(path));
    }

    /**
     * The path with every symlink resolved, in the loader's terms (what {@code /proc/self/exe}
     * shows for a program started by that path). Empty when it does not exist.
     */
    public Optional<String> realPath(String path) {
        if (root.isEmpty() || !path.startsWith("/")) {
            try {
                return Optional.of(file(path).toRealPath().toString());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return resolveInside(path).filter(p -> Files.exists(root.get().resolve(p.substring(1)),
                LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Follows the path component by component inside the root: {@code ..} stops at the root,
     * absolute link targets restart at the root. Returns the resolved absolute in-root path; a
     * missing component ends the walk with the rest appended unresolved.
     */
    private Optional<String> resolveInside(String path) {
        Path top = root.orElseThrow();
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
            Path here = top.resolve(String.join("/", done)).resolve(part);
            if (Files.isSymbolicLink(here)) {
                if (++links > MAX_SYMLINKS) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = Files.readSymbolicLink(here).toString();
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
