package org.elfmap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.elfmap.BadInputException;
import org.elfmap.space.RawNames;

/**
 * Path arguments where {@code @LIST} stands for the paths in the file LIST, one per line (blank
 * lines skipped, nothing else special: a path may hold spaces or quotes), and {@code @@NAME} for
 * a path that really begins with {@code @}. Names keep their bytes ({@link RawNames}: from the
 * command line through {@link RawArguments}, from a list as read), so a name that is not UTF-8
 * still names its file.
 *
 * <p>A list is read as the paths are used, never held whole, and is bounded: a line may be at
 * most {@value #MAX_LINE} bytes (PATH_MAX, NUL included: no longer name can be opened) and a list
 * at most {@value #MAX_LINES} lines (more than a hundred times the 144,547 files under this
 * machine's /usr). Before, {@code @/dev/zero} grew to 2.5 GB and died, and a 200 MB line became a
 * 400 MB "one-line" error (issue 16 item 9).
 *
 * <p>Why not picocli's own {@code @}-files: they split lines on blanks and honour quotes, so paths
 * with spaces break, and picocli tries every expanded argument as a number before treating it as
 * a positional (two exceptions per argument): with the 3,000 files of {@code /usr} that was a fifth
 * of a {@code layout} run (measured with bench/layout.sh and perf).
 */
final class PathArguments {
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 1 << 24;

    private PathArguments() {
    }

    /** The paths, in order; a list's lines are read while iterating (errors surface then, naming file:line). */
    static Iterable<Path> expand(List<String> args) {
        return () -> new Expansion(args, lists -> { });
    }

    /**
     * As {@link #expand(List)}, and when the paths run out with none given (every argument an
     * empty {@code @LIST}), {@code none} is told the lists, once: a run that did nothing says so.
     */
    static Iterable<Path> expand(List<String> args, java.util.function.Consumer<List<String>> none) {
        return () -> new Expansion(args, none);
    }

    /** The warning for a run whose {@code @LIST}s named no path: what was not done, and why. */
    static String nothingListed(List<String> lists, String notDone) {
        return "elfmap: warning: " + String.join(", ", lists) + (lists.size() == 1 ? " lists" : " list")
                + " no paths: " + notDone;
    }

    private static final class Expansion implements Iterator<Path> {
        private final Iterator<String> args;
        private final java.util.function.Consumer<List<String>> none;
        private final List<String> lists = new java.util.ArrayList<>();
        private int argNo;
        private long given;
        private boolean told;
        private ListReader list;
        private Path next;

        Expansion(List<String> args, java.util.function.Consumer<List<String>> none) {
            this.args = args.iterator();
            this.none = none;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (list != null) {
                    next = list.next();
                    if (next == null) {
                        list.close();
                        list = null;
                    }
                    continue;
                }
                if (!args.hasNext()) {
                    if (given == 0 && !told) {
                        told = true;
                        none.accept(List.copyOf(lists));
                    }
                    return false;
                }
                String arg = args.next();
                argNo++;
                if (arg.startsWith("@@")) {
                    next = path(arg.substring(1), "argument " + argNo);
                } else if (arg.startsWith("@") && arg.length() > 1) {
                    list = new ListReader(arg.substring(1));
                    lists.add("@" + RawNames.shown(arg.substring(1)));
                } else {
                    next = path(arg, "argument " + argNo);
                }
            }
            return true;
        }

        @Override
        public Path next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Path p = next;
            next = null;
            given++;
            return p;
        }
    }

    /** One {@code @LIST} file, read line by line as bytes. */
    private static final class ListReader {
        private final String name;
        private final InputStream in;
        private final byte[] line = new byte[MAX_LINE];
        /**
         * What was read from {@link #in} and not yet taken: our own buffer, not a
         * BufferedInputStream, whose read() takes a lock per byte (1.4 % of layout over 1,900 files).
         */
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;
        private int lineNo;

        ListReader(String carried) {
            this.name = RawNames.shown(carried);
            Path file = path(carried, "argument file");
            try {
                in = Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new BadInputException(name, "no such argument file (@" + name + " reads paths from it, one per line)");
            } catch (AccessDeniedException e) {
                throw new BadInputException(name, "cannot read the argument file: permission denied");
            } catch (FileSystemException e) {
                throw new BadInputException(name, "cannot read the argument file: " + e.getReason());
            } catch (IOException e) {
                throw new BadInputException(name, "cannot read the argument file: " + e.getMessage());
            }
        }

        /** The next path, or null at the end. */
        Path next() {
            try {
                while (true) {
                    int n = readLine();
                    if (n < 0) {
                        return null;
                    }
                    if (lineNo > MAX_LINES) {
                        throw new BadInputException(name + ":" + lineNo, "more than " + MAX_LINES
                                + " lines: not a list of paths");
                    }
                    String carried = RawNames.carried(line, 0, n);
                    if (!carried.isBlank()) {
                        return path(carried, name + ":" + lineNo);
                    }
                }
            } catch (IOException e) {
                close();
                throw new BadInputException(name, "cannot read the argument file: " + e.getMessage());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Reads one line into {@link #line} (without its {@code \n} or {@code \r\n}); -1 at the end. */
        private int readLine() throws IOException {
            int n = 0;
            int c = nextByte();
            if (c < 0) {
                return -1;
            }
            lineNo++;
            while (c >= 0 && c != '\n') {
                if (n == MAX_LINE) {
                    throw new BadInputException(name + ":" + lineNo, "a line longer than " + MAX_LINE
                            + " bytes (PATH_MAX): not a path");
                }
                line[n++] = (byte) c;
                c = nextByte();
            }
            return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
        }

        /** The next byte of the list, or -1 at its end. */
        private int nextByte() throws IOException {
            while (pos == limit) {
                int got = in.read(buf, 0, buf.length);
                if (got < 0) {
                    return -1;
                }
                pos = 0;
                limit = got;
            }
            return buf[pos++] & 0xff;
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A named path: an empty name is refused (it does not mean the current directory: write
     * {@code .}), and a name ending in {@code /} must be a directory, as for {@code open(2)}
     * (ENOTDIR), because {@link Path} drops the slash.
     */
    static Path path(String carried, String where) {
        if (carried.isEmpty()) {
            throw new BadInputException(where, "an empty path names no file (write . for the current directory)");
        }
        Path p;
        try {
            p = RawNames.path(carried);
        } catch (InvalidPathException e) {
            throw new BadInputException(where, "not a usable path: " + e.getReason());
        }
        if (carried.length() > 1 && carried.endsWith("/") && Files.exists(p) && !Files.isDirectory(p)) {
            // a list's line is named by its place; an argument by itself
            String name = RawNames.shown(carried);
            throw new BadInputException(where.startsWith("argument") ? name : where + ": " + name,
                    "not a directory (the name ends with '/')");
        }
        return p;
    }
}
