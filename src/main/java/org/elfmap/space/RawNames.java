package org.elfmap.space;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How file names travel as bytes through code that holds them as strings (capture paths, typed as
 * {@link RawPath}; command-line arguments, {@code @LIST} lines, the loaders' search paths), and
 * how such a string names its file again. The convention is PEP 383's "surrogateescape" (Python's {@code os.fsdecode}): valid
 * UTF-8 is decoded, and every other byte {@code b} becomes the lone surrogate {@code U+DC00+b}
 * ({@code U+DC80..U+DCFF}), which no decoded text holds, so the string keeps the bytes exactly.
 *
 * <p>Why: the JVM decodes argv and file names with {@code sun.jnu.encoding} (the locale's, and not
 * settable), turning {@code \xff\xfe} into U+FFFD, after which {@code Path.of} names another file
 * or fails; under {@code LANG=C} even valid UTF-8 ({@code é}) is lost (issue 16 item 14). A
 * {@code file:} URI with percent-encoded bytes is turned into a path of exactly those bytes
 * ({@link #path}), on JDK 17 and 25 alike, with no internal API.
 */
public final class RawNames {
    private static final Charset JNU = jnu();

    private RawNames() {
    }

    /** The charset the JVM decodes argv and file names with ({@code sun.jnu.encoding}). */
    public static Charset jvmCharset() {
        return JNU;
    }

    private static Charset jnu() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The bytes {@code b[from, to)} as a carried string. */
    public static String carried(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            for (int i = 0; i < r.length(); i++) {
                out.put((char) (0xdc00 + (in.get() & 0xff)));
            }
        }
        d.flush(out);
        return out.flip().toString();
    }

    public static String carried(byte[] b) {
        return carried(b, 0, b.length);
    }

    /** The name's bytes: UTF-8, each escaped byte as itself. */
    public static byte[] bytes(String carried) {
        if (!hasEscapes(carried)) {
            return carried.getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer out = ByteBuffer.allocate(carried.length() * 3);
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < carried.length(); i++) {
            char c = carried.charAt(i);
            if (isEscape(carried, i)) {
                out.put(run.toString().getBytes(StandardCharsets.UTF_8));
                run.setLength(0);
                out.put((byte) (c - 0xdc00));
            } else {
                run.append(c);
            }
        }
        out.put(run.toString().getBytes(StandardCharsets.UTF_8));
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    /**
     * Whether the char at {@code i} stands for a byte: U+DC80..U+DCFF alone, not the second half
     * of a pair (U+10F880 and up end in those too, and are valid UTF-8).
     */
    public static boolean isEscape(CharSequence s, int i) {
        char c = s.charAt(i);
        return c >= 0xdc80 && c <= 0xdcff && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    private static boolean hasEscapes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isEscape(s, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The file the carried name denotes, absolute or relative (to the current directory, as for
     * {@code open}). A name the JVM can encode as it is takes the ordinary way; any other goes
     * through its bytes. Throws {@link java.nio.file.InvalidPathException} for a NUL byte, and
     * {@link IllegalArgumentException} for an empty name.
     */
    public static Path path(String carried) {
        if (isPlain(carried)) {
            return Path.of(carried);
        }
        byte[] b = bytes(carried);
        if (b.length == 0) {
            throw new IllegalArgumentException("an empty name");
        }
        for (byte x : b) {
            if (x == 0) {
                throw new java.nio.file.InvalidPathException(shown(carried), "a NUL byte in a file name");
            }
        }
        if (b[0] == '/') {
            return absolute(b);
        }
        // relative: component by component (a file: URI names only absolute paths, and relativize
        // would fold "x/.." away: PathListFuzzTest), each the file name of "/component"
        Path out = null;
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == '/') {
                if (i > start) {
                    byte[] one = new byte[i - start + 1];
                    one[0] = '/';
                    System.arraycopy(b, start, one, 1, i - start);
                    Path name = absolute(one).getFileName();
                    out = out == null ? name : out.resolve(name);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * The absolute path of exactly these bytes. A string would be re-encoded with the JVM's
     * file-name charset; a {@code file:} URI with every non-ASCII byte percent-encoded is decoded
     * to bytes as they are ({@code UnixUriUtils.fromUri} in the JDK), so {@code \xff\xfe} stays
     * {@code \xff\xfe}.
     */
    private static Path absolute(byte[] bytes) {
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
        return Path.of(URI.create(uri.toString()));
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Whether {@code Path.of} keeps every byte of this name (ASCII always; else the JVM's charset must encode it). */
    static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return !hasEscapes(s) && JNU.newEncoder().canEncode(s);
            }
        }
        return true;
    }

    /** For people: each escaped byte written {@code \xNN} ({@link RawPath#text}). */
    public static String shown(String carried) {
        if (!hasEscapes(carried)) {
            return carried;
        }
        StringBuilder b = new StringBuilder(carried.length() + 8);
        for (int i = 0; i < carried.length(); i++) {
            char c = carried.charAt(i);
            if (isEscape(carried, i)) {
                int v = c - 0xdc00;
                b.append('\\').append('x').append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A path for people, bytes kept: {@code toString} when the JVM decoded it whole, else from its
     * bytes (a name from a directory listing, or made by {@link #path}, whose {@code toString} holds
     * U+FFFD). The bytes come from {@link Path#toUri}, which percent-encodes them.
     */
    public static String shown(Path p) {
        String s = p.toString();
        if (s.indexOf('\ufffd') < 0) {
            return s;
        }
        return shown(carried(p));
    }

    /** The path's name as a carried string (for a relative path, relative still). */
    public static String carried(Path p) {
        String s = p.toString();
        if (s.indexOf('\ufffd') < 0) {
            return s;
        }
        Path abs = p.isAbsolute() ? p : p.getFileSystem().getPath("/").resolve(p);
        String uri = abs.toUri().getRawPath();
        byte[] b = percentDecoded(uri);
        int from = p.isAbsolute() ? 0 : 1;
        int to = b.length > 1 && b[b.length - 1] == '/' ? b.length - 1 : b.length; // toUri marks directories
        return carried(b, from, Math.max(from, to));
    }

    private static byte[] percentDecoded(String s) {
        ByteBuffer out = ByteBuffer.allocate(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.put((byte) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.put((byte) c);
            }
        }
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }
}
