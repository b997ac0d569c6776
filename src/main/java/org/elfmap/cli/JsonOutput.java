package org.elfmap.cli;

import org.elfmap.output.Hex;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * A thin layer over Jackson's streaming generator that writes the contract's conventions (hex
 * strings for addresses, integers for sizes) so that no command spells them itself.
 */
public final class JsonOutput implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator g;

    public JsonOutput(PrintWriter out) {
        try {
            this.g = FACTORY.createGenerator(out);
            g.useDefaultPrettyPrinter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonGenerator generator() {
        return g;
    }

    public JsonOutput startObject() {
        return run(g::writeStartObject);
    }

    public JsonOutput startObject(String field) {
        return run(() -> g.writeObjectFieldStart(field));
    }

    public JsonOutput endObject() {
        return run(g::writeEndObject);
    }

    public JsonOutput startArray() {
        return run(g::writeStartArray);
    }

    public JsonOutput startArray(String field) {
        return run(() -> g.writeArrayFieldStart(field));
    }

    public JsonOutput endArray() {
        return run(g::writeEndArray);
    }

    public JsonOutput field(String name, String value) {
        return run(() -> g.writeStringField(name, value));
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

    /** An address or file offset: {@code "0x1d7000"}. */
    public JsonOutput hex(String name, long value) {
        return field(name, Hex.of(value));
    }

    public JsonOutput value(String value) {
        return run(() -> g.writeString(value));
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
