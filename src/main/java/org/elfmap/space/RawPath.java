package org.elfmap.space;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file name as the system gives it: bytes, not text. Linux names are any bytes but NUL and
 * {@code /} separates them; procfs prints them raw ({@code fs/proc/task_mmu.c}, {@code
 * show_map_vma} → {@code seq_file_path}), and a name need not be UTF-8 ({@code \xff\xfe}). Decoding
 * such a name to a Java string turns the bytes into U+FFFD, after which it names no file. So the
 * name is held in the one form every layer uses, the carried string of {@link RawNames} (valid
 * UTF-8 decoded, every other byte as a lone surrogate), typed so that it is not taken for text:
 * the file is opened by its bytes ({@link #toPath}), and {@link #text} is only for showing.
 *
 * @param carried the name as {@link RawNames#carried} makes it
 */
public record RawPath(String carried) {
    public static final RawPath EMPTY = new RawPath("");

    /** The bytes {@code b[from, to)}. */
    public static RawPath of(byte[] b, int from, int to) {
        return from == to ? EMPTY : new RawPath(RawNames.carried(b, from, to));
    }

    /** A name given as text (a test, a string from elsewhere). */
    public static RawPath of(String name) {
        return name.isEmpty() ? EMPTY : new RawPath(name);
    }

    /** The name's bytes. */
    public byte[] bytes() {
        return RawNames.bytes(carried);
    }

    /** The name for people: UTF-8 where the bytes are UTF-8, each other byte written {@code \xNN}. */
    public String text() {
        return RawNames.shown(carried);
    }

    public boolean isEmpty() {
        return carried.isEmpty();
    }

    /** Whether a NUL byte is in the name: no file system has such a name. */
    public boolean hasNul() {
        return carried.indexOf('\0') >= 0;
    }

    /**
     * The file this absolute name denotes, holding exactly its bytes ({@link RawNames#path}), under
     * {@code root} when given (a live process's {@code /proc/PID/root}, a sysroot).
     *
     * @throws IllegalArgumentException when the name is not absolute or holds a NUL byte
     */
    public Path toPath(Optional<Path> root) {
        if (!carried.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + text());
        }
        Path p = RawNames.path(carried);
        return root.isEmpty() ? p : root.get().resolve(p.getRoot().relativize(p));
    }

    // Written out rather than generated: a record's generated equals/hashCode is bootstrapped by
    // invokedynamic on first use (start-up; StartupBootstrapTest).
    @Override
    public boolean equals(Object o) {
        return o instanceof RawPath r && r.carried.equals(carried);
    }

    @Override
    public int hashCode() {
        return carried.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
