package org.elfmap.space;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A file name as the system gives it: bytes, not text. Linux names are any bytes but NUL and
 * {@code /} separates them; procfs prints them raw ({@code fs/proc/task_mmu.c}, {@code
 * show_map_vma} → {@code seq_file_path}), and a name need not be UTF-8 ({@code \xff\xfe}). Decoding
 * such a name to a Java string turns the bytes into U+FFFD, after which it names no file. So the
 * bytes are kept, the file is opened with them ({@link #toPath}), and {@link #text} is only for
 * showing: UTF-8 where the bytes are UTF-8, each other byte written {@code \xNN}.
 *
 * <p>One type for every name that comes from outside as bytes: capture paths here, command-line
 * and {@code @LIST} paths where the reader needs them (issue 16, item 14).
 *
 * @param bytes the name's bytes (not copied: never modify)
 * @param text  the name for people: valid UTF-8 decoded, any other byte as {@code \xNN}
 */
public record RawPath(byte[] bytes, String text) {
    public static final RawPath EMPTY = new RawPath(new byte[0], "");

    /** The bytes {@code b[from, to)}, copied. */
    public static RawPath of(byte[] b, int from, int to) {
        if (from == to) {
            return EMPTY;
        }
        byte[] copy = Arrays.copyOfRange(b, from, to);
        return new RawPath(copy, text(copy));
    }

    /** A name given as text (a test, a string from elsewhere): its UTF-8 bytes. */
    public static RawPath of(String name) {
        return name.isEmpty() ? EMPTY : new RawPath(name.getBytes(StandardCharsets.UTF_8), name);
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Whether a NUL byte is in the name: no file system has such a name. */
    public boolean hasNul() {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The file this absolute name denotes, as a {@link Path} holding exactly these bytes, under
     * {@code root} when given (a live process's {@code /proc/PID/root}, a sysroot). A string
     * would be re-encoded with the JVM's file-name charset; a {@code file:} URI with every
     * non-ASCII byte percent-encoded is decoded to bytes as they are ({@code UnixUriUtils.fromUri}
     * in the JDK), so {@code \xff\xfe} stays {@code \xff\xfe}.
     *
     * @throws IllegalArgumentException when the name is not absolute or holds a NUL byte
     */
    public Path toPath(Optional<Path> root) {
        if (bytes.length == 0 || bytes[0] != '/') {
            throw new IllegalArgumentException("not an absolute path: " + text);
        }
        StringBuilder uri = new StringBuilder(bytes.length + 16).append("file://");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '.'
                    || c == '-' || c == '_') {
                uri.append((char) c);
            } else {
                uri.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        Path p = Path.of(URI.create(uri.toString()));
        if (root.isEmpty()) {
            return p;
        }
        return root.get().resolve(p.getRoot().relativize(p));
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The bytes shown: UTF-8 decoded, each byte that is not part of valid UTF-8 as {@code \xNN}. */
    static String text(byte[] b) {
        boolean ascii = true;
        for (byte x : b) {
            if (x < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length * 4);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            for (int i = 0; i < r.length(); i++) {
                int c = in.get() & 0xff;
                out.put('\\').put('x').put(Character.forDigit(c >> 4, 16)).put(Character.forDigit(c & 15, 16));
            }
        }
        d.flush(out);
        return out.flip().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPath r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text;
    }
}
