package org.elfmap.output.checkpages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.WhatIf;
import org.elfmap.pages.origin.Attribution;

/**
 * check-pages as the contract's JSON, one file at a time: {@code {"pageSize", "files": [...],
 * "checked", "failed"}}. Each problem has its {@code kind}, {@code detail} and {@code fix}; a
 * library attributed to a dependency has a {@code dependency} object.
 */
public final class JsonRenderer implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator g;
    private final PrintWriter out;

    public JsonRenderer(PrintWriter out, long pageSize) {
        this.out = out;
        try {
            g = FACTORY.createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("pageSize", pageSize);
            g.writeArrayFieldStart("files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void verdict(FileVerdict v, Optional<Attribution> a) {
        try {
            g.writeStartObject();
            g.writeStringField("path", v.path());
            g.writeBooleanField("ok", v.ok());
            if (!v.binding()) {
                g.writeBooleanField("binding", false);
            }
            if (v.abi().isPresent()) {
                g.writeStringField("abi", v.abi().get());
            }
            g.writeArrayFieldStart("problems");
            for (PageProblem p : v.problems()) {
                g.writeStartObject();
                if (p.segment().isPresent()) {
                    g.writeNumberField("segment", p.segment().getAsInt());
                }
                g.writeStringField("kind", p.kind().label());
                g.writeStringField("detail", PageText.problem(p));
                g.writeStringField("fix", FixAdvice.of(p, a));
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!v.notes().isEmpty()) {
                g.writeArrayFieldStart("notes");
                for (PageNote n : v.notes()) {
                    g.writeString(PageText.note(n));
                }
                g.writeEndArray();
            }
            if (a.isPresent()) {
                dependency(a.get());
            }
            if (!v.whatIf().isEmpty()) {
                g.writeArrayFieldStart("whatIf");
                for (WhatIf w : v.whatIf()) {
                    g.writeStartObject();
                    g.writeNumberField("pageSize", w.pageSize());
                    g.writeStringField("loader", w.loader());
                    g.writeNumberField("vszBytes", w.vszBytes());
                    g.writeNumberField("gapBytes", w.gapBytes());
                    if (w.refusal().isPresent()) {
                        g.writeStringField("refused", org.elfmap.output.Words.refusal(w.refusal().get()));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dependency(Attribution a) throws IOException {
        g.writeObjectFieldStart("dependency");
        if (a.coordinate().isPresent()) {
            g.writeStringField("coordinate", a.coordinate().get().display());
        }
        if (a.primary().isPresent()) {
            g.writeStringField("foundIn", a.primary().get().location());
            g.writeStringField("match", a.primary().get().match().label());
        }
        if (!a.dependencyPath().isEmpty()) {
            g.writeArrayFieldStart("path");
            for (String step : a.dependencyPath()) {
                g.writeString(step);
            }
            g.writeEndArray();
        }
        if (a.declaration().isPresent()) {
            g.writeObjectFieldStart("declaration");
            g.writeStringField("file", a.declaration().get().file().toString());
            g.writeNumberField("line", a.declaration().get().line());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    public void end(long checked, long failed) {
        try {
            g.writeEndArray();
            g.writeNumberField("checked", checked);
            g.writeNumberField("failed", failed);
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    @Override
    public void close() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
