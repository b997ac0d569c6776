package org.elfmap.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.elfmap.space.RawNames;

/**
 * A thin layer over Jackson's streaming generator that writes the contract's conventions (hex
 * strings for addresses, integers for sizes) so that no command spells them itself.
 *
 * <p>Every string goes through {@link RawNames#shown}: a name that is not UTF-8 travels as a
 * carried string whose odd bytes are lone surrogates, which JSON would write {@code \udcff}, text
 * no UTF-8 encoder accepts (Python's {@code json.dumps(..).encode()} fails, Chromium's
 * {@code --dump-dom} crashes). Each such byte is written {@code \xff} instead, as text output and
 * {@code layout}'s names already show it, so every command and format spells a name one way.
 * Done here, once, rather than at each field that may hold a name.
 */
public final class JsonOutput implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    /**
     * Besides the control characters JSON requires escaped, C1 controls and bidirectional
     * overrides are written {@code \\uXXXX}: the names stay exact for a script, and a JSON
     * document printed on a terminal cannot act on it (see {@link org.elfmap.Printable}).
     */
    private static final CharacterEscapes ESCAPES = new CharacterEscapes() {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xffff && org.elfmap.Printable.unsafe((char) ch)
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    };
    /**
     * Field names, quoted once: they are the contract's literals and labels (a few hundred at
     * most), written thousands of times over a tree or a system scan. Bounded all the same.
     */
    private static final ConcurrentHashMap<String, SerializedString> NAMES = new ConcurrentHashMap<>();
    private static final int MAX_NAMES = 1024;
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private final JsonGenerator g;
    /** {@code "0x...."}: a quoted 64-bit hex value, written raw (it needs no escaping). */
    private final char[] hexValue = new char[2 + 2 + 16];

    public JsonOutput(PrintWriter out) {
        try {
            this.g = FACTORY.createGenerator(out);
            g.setCharacterEscapes(ESCAPES);
            g.useDefaultPrettyPrinter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Each method catches the generator's IOException itself rather than passing a lambda to a
    // helper: C1, which short runs use, does not remove the lambda's allocation, and a layout
    // over /usr writes a million fields.

    public JsonOutput startObject() {
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput startObject(String field) {
        try {
            name(field);
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput endObject() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput startArray() {
        try {
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput startArray(String field) {
        try {
            name(field);
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput endArray() {
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput field(String name, String value) {
        try {
            name(name);
            g.writeString(value == null ? null : RawNames.shown(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput field(String name, long value) {
        try {
            name(name);
            g.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput field(String name, double value) {
        try {
            name(name);
            g.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOutput field(String name, boolean value) {
        try {
            name(name);
            g.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A value that is not known: {@code null}. */
    public JsonOutput nullField(String name) {
        try {
            name(name);
            g.writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * An address or file offset: {@code "0x1d7000"}, as {@link Hex#of} spells it. Written from a
     * buffer, not a string through the escaping writer: over a tree of files these are most of
     * layout's JSON (measured: hex fields were 46 % of a {@code layout --json} run over /usr).
     */
    public JsonOutput hex(String name, long value) {
        try {
            name(name);
            g.writeRawValue(hexValue, 0, quotedHex(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private int quotedHex(long v) {
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        char[] b = hexValue;
        b[0] = '"';
        b[1] = '0';
        b[2] = 'x';
        for (int i = 0; i < digits; i++) {
            b[3 + i] = DIGITS[(int) (v >>> (4 * (digits - 1 - i))) & 0xf];
        }
        b[3 + digits] = '"';
        return digits + 4;
    }

    /**
     * Writes a field's name, quoted once and kept when it is plain ASCII (all the contract's
     * names are); any other name goes through the escaping writer every time.
     */
    private void name(String name) throws IOException {
        SerializedString s = NAMES.get(name);
        if (s == null) {
            String shown = RawNames.shown(name);
            if (!plain(shown)) {
                g.writeFieldName(shown);
                return;
            }
            s = new SerializedString(shown);
            if (NAMES.size() < MAX_NAMES) {
                NAMES.putIfAbsent(name, s);
            }
        }
        g.writeFieldName(s);
    }

    /** Printable ASCII without a quote or backslash: quoted the same with or without {@link #ESCAPES}. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    public JsonOutput value(String value) {
        try {
            g.writeString(value == null ? null : RawNames.shown(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
