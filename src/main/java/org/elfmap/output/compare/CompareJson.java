package org.elfmap.output.compare;

import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import java.io.PrintWriter;
import java.util.Map;
import org.elfmap.compare.Comparison;
import org.elfmap.compare.ObjectDelta;
import org.elfmap.space.Kind;

/** {@code compare --json}: the contract's shape ({@code a}, {@code b}, {@code totals}, {@code byKind}, {@code objects}). */
public final class CompareJson implements Renderer<CompareView> {
    @Override
    public void render(CompareView view, PrintWriter out) {
        write(out, view.comparison());
    }

    static void write(PrintWriter out, Comparison c) {
        JsonOutput j = new JsonOutput(out);
        j.startObject();
        j.field("a", c.a());
        j.field("b", c.b());
        j.startObject("totals");
        j.startObject("a").field("vszBytes", c.aBytes()).endObject();
        j.startObject("b").field("vszBytes", c.bBytes()).endObject();
        j.field("deltaBytes", c.bBytes() - c.aBytes());
        if (c.elfOnly()) {
            j.startObject("elf").field("aBytes", c.elfABytes()).field("bBytes", c.elfBBytes())
                    .field("deltaBytes", c.elfBBytes() - c.elfABytes()).endObject();
        }
        j.endObject();
        j.startObject("byKind");
        for (Map.Entry<Kind, long[]> e : c.byKind(false).entrySet()) {
            kind(j, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        j.endObject();
        j.startArray("objects");
        for (ObjectDelta o : c.objects()) {
            j.startObject();
            j.field("name", o.name());
            o.aPath().ifPresent(p -> j.field("aPath", p));
            o.bPath().ifPresent(p -> j.field("bPath", p));
            j.field("aBytes", o.aBytes());
            j.field("bBytes", o.bBytes());
            j.field("deltaBytes", o.deltaBytes());
            o.only().ifPresent(s -> j.field("only", s));
            j.field("elf", o.elf());
            j.startObject("byKind");
            for (Kind k : Kind.values()) {
                if (o.a().containsKey(k) || o.b().containsKey(k)) {
                    kind(j, k, o.a().getOrDefault(k, 0L), o.b().getOrDefault(k, 0L));
                }
            }
            j.endObject();
            j.endObject();
        }
        j.endArray();
        j.startArray("explanation");
        CompareWords.explanation(c).forEach(s -> j.value(s.strip()));
        j.endArray();
        j.startArray("differenceByKind");
        for (Comparison.KindShare s : c.shares()) {
            j.startObject();
            j.field("kind", s.kind().label());
            j.field("deltaBytes", s.deltaBytes());
            j.field("share", Math.round(s.share() * 1000) / 1000.0);
            j.startArray("objects");
            s.objects().forEach(j::value);
            j.endArray();
            j.startArray("byObject");
            for (Comparison.ObjectShare o : s.byObject()) {
                j.startObject().field("name", o.name()).field("deltaBytes", o.deltaBytes()).endObject();
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
        j.startArray("notes");
        c.notes().forEach(n -> j.value(Words.compareNote(n)));
        j.endArray();
        j.endObject();
        j.close();
        out.println();
    }

    private static void kind(JsonOutput j, Kind k, long a, long b) {
        j.startObject(k.label());
        j.field("aBytes", a);
        j.field("bBytes", b);
        j.field("deltaBytes", b - a);
        j.endObject();
    }
}
