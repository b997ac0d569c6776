package org.elfmap.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
    private final JsonGenerator g;

    public JsonOutput(PrintWriter out) {
        try {
            this.g = FACTORY.createGenerator(out);
            g.setCharacterEscapes(ESCAPES);
            g.useDefaultPrettyPrinter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonOutput startObject() {
        return run(g::writeStartObject);
    }

    public JsonOutput startObject(String field) {
        return run(() -> g.writeObjectFieldStart(RawNames.shown(field)));
    }

    public JsonOutput endObject() {
        return run(g::writeEndObject);
    }

    public JsonOutput startArray() {
        return run(g::writeStartArray);
    }

    public JsonOutput startArray(String field) {
        return run(() -> g.writeArrayFieldStart(RawNames.shown(field)));
    }

    public JsonOutput endArray() {
        return run(g::writeEndArray);
    }

    public JsonOutput field(String name, String value) {
        return run(() -> g.writeStringField(RawNames.shown(name), value == null ? null : RawNames.shown(value)));
    }

    public JsonOutput field(String name, long value) {
        return run(() -> g.writeNumberField(name, value));
    }

    public JsonOutput field(String name, double value) {
        return run(() -> g.writeNumberField(name, value));
    }

    public JsonOutput field(String name, boolean value) {
        return run(() -> g.writeBooleanField(name, value));
    }

    /** A value that is not known: {@code null}. */
    public JsonOutput nullField(String name) {
        return run(() -> g.writeNullField(name));
    }

    /** An address or file offset: {@code "0x1d7000"}. */
    public JsonOutput hex(String name, long value) {
        return field(name, Hex.of(value));
    }

    public JsonOutput value(String value) {
        return run(() -> g.writeString(value == null ? null : RawNames.shown(value)));
    }

    private JsonOutput run(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void close() {
        run(() -> {
            g.flush();
        });
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
