package org.elfmap.maps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.elfmap.BadInputException;

/**
 * Lines of a capture, one at a time, numbered for messages, with one line of look-ahead for
 * format detection. Bytes are read as ISO-8859-1 (one char per byte, never a decoding error):
 * procfs prints paths as raw bytes; {@link #utf8} turns a path back into the name a user sees.
 * Only the current line is held, so a capture of any length needs constant memory here.
 */
public final class LineReader implements AutoCloseable {
    /** Longer than any procfs line (PATH_MAX plus fields); beyond it the input is not a capture. */
    static final int MAX_LINE = 64 * 1024;
    private final InputStream in;
    private final String where;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNo;
    private final java.util.ArrayDeque<String> ahead = new java.util.ArrayDeque<>();
    private boolean eof;

    public LineReader(InputStream in, String where) {
        this.in = in;
        this.where = where;
    }

    /** The input's name for messages: a file name, {@code pid 1234}, {@code <stdin>}. */
    public String where() {
        return where;
    }

    /** Number of the line last returned by {@link #next}. */
    public long lineNo() {
        return lineNo;
    }

    /** The next line without its end-of-line, or {@code null} at the end of the input. */
    public String next() {
        if (!ahead.isEmpty()) {
            lineNo++;
            return ahead.poll();
        }
        String l = read();
        if (l != null) {
            lineNo++;
        }
        return l;
    }

    /** The line {@link #next} will return {@code n} calls from now (0: the next one), without consuming it. */
    public String peek(int n) {
        while (ahead.size() <= n) {
            String l = read();
            if (l == null) {
                return null;
            }
            ahead.add(l);
        }
        int i = 0;
        for (String l : ahead) {
            if (i++ == n) {
                return l;
            }
        }
        return null;
    }

    private String read() {
        if (eof) {
            return null;
        }
        int len = 0;
        try {
            while (true) {
                if (pos == limit) {
                    limit = in.read(buf);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        eof = true;
                        return len == 0 ? null : text(len);
                    }
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    return text(len);
                }
                if (len == line.length) {
                    if (len >= MAX_LINE) {
                        throw new BadInputException(where + ":" + (lineNo + ahead.size() + 1),
                                "line longer than " + MAX_LINE + " bytes: not a memory-map capture");
                    }
                    line = Arrays.copyOf(line, len * 2);
                }
                line[len++] = b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(int len) {
        int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** A path read as ISO-8859-1, decoded as the UTF-8 it almost always is. */
    public static String utf8(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return raw;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
