package org.elfmap.maps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.elfmap.BadInputException;

/**
 * Lines of a capture, one at a time, numbered for messages, with look-ahead for format
 * detection. The input is read in 64 KiB blocks into one buffer, and {@link #advance} makes the
 * next line the {@link #line()} window on it: no copy and no string per line (a string only where
 * {@link #next} asks for one). Bytes are chars one to one (ISO-8859-1, never a decoding error):
 * procfs prints paths as raw bytes, kept as such ({@link Line#path}). Only the current block is
 * held, so a capture of any length needs constant memory here.
 */
public final class LineReader implements AutoCloseable {
    /** Longer than any procfs line (PATH_MAX plus fields); beyond it the input is not a capture. */
    static final int MAX_LINE = 64 * 1024;
    private static final int BLOCK = 64 * 1024;
    private final InputStream in;
    private final String where;
    /**
     * One buffer per thread, lent to the reader open on it: {@code top} opens two readers per
     * process, and 128 KiB each would be most of what it allocates.
     */
    private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();
    /** Room for a partial line of MAX_LINE bytes moved to the front plus a whole block. */
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNo;
    private final ArrayDeque<byte[]> ahead = new ArrayDeque<>();
    private final Line line = new Line();
    private static final byte[] EMPTY = new byte[0];

    public LineReader(InputStream in, String where) {
        this.in = in;
        this.where = where;
        byte[] spare = SPARE.get();
        if (spare != null) {
            SPARE.remove();
            buf = spare;
        } else {
            buf = new byte[MAX_LINE + BLOCK];
        }
    }

    /** The input's name for messages: a file name, {@code pid 1234}, {@code <stdin>}. */
    public String where() {
        return where;
    }

    /** Number of the line last returned by {@link #next} or made current by {@link #advance}. */
    public long lineNo() {
        return lineNo;
    }

    /**
     * Moves to the next line (without its end-of-line) and returns true, or false at the end of
     * the input. The line is {@link #line()} until the next call.
     */
    public boolean advance() {
        if (!ahead.isEmpty()) {
            byte[] b = ahead.poll();
            line.set(b, 0, b.length);
        } else if (!read()) {
            return false;
        }
        lineNo++;
        return true;
    }

    /** The current line (see {@link #advance}); the same object every time, its content changes. */
    public Line line() {
        return line;
    }

    /** The next line as a string, or {@code null} at the end of the input. */
    public String next() {
        return advance() ? line.toString() : null;
    }

    /** The line {@link #next} will return {@code n} calls from now (0: the next one), without consuming it. */
    public String peek(int n) {
        while (ahead.size() <= n) {
            if (!read()) {
                return null;
            }
            ahead.add(line.copy());
        }
        int i = 0;
        for (byte[] l : ahead) {
            if (i++ == n) {
                return new String(l, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** Reads the next line from the input into {@link #line}; false at the end. */
    private boolean read() {
        if (buf == null) {
            return false; // closed
        }
        int scan = pos;
        try {
            while (true) {
                for (int i = scan; i < limit; i++) {
                    if (buf[i] == '\n') {
                        return take(i, i + 1);
                    }
                }
                if (eof) {
                    return pos < limit && take(limit, limit);
                }
                int have = limit - pos;
                if (have > MAX_LINE) {
                    throw tooLong();
                }
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, have);
                    pos = 0;
                    limit = have;
                }
                scan = limit;
                int n = in.read(buf, limit, buf.length - limit);
                if (n <= 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line is {@code [pos, end)} (a carriage return before the newline dropped); the next starts at {@code next}. */
    private boolean take(int end, int next) {
        if (end - pos > MAX_LINE) {
            throw tooLong();
        }
        int to = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
        line.set(buf, pos, to);
        pos = next;
        return true;
    }

    private BadInputException tooLong() {
        return new BadInputException(where + ":" + (lineNo + ahead.size() + 1),
                "line longer than " + MAX_LINE + " bytes: not a memory-map capture");
    }

    @Override
    public void close() {
        if (buf != null && SPARE.get() == null) {
            SPARE.set(buf);
        }
        buf = null;
        line.set(EMPTY, 0, 0);
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
