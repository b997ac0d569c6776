package org.elfmap.output.compare;

import org.elfmap.output.Table;
import org.elfmap.output.Sizes;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import java.io.PrintWriter;
import java.util.Map;
import org.elfmap.compare.Comparison;
import org.elfmap.compare.ObjectDelta;
import org.elfmap.space.Kind;

/** {@code compare} as a table in KiB, like the 2007 post's, then what the difference is made of. */
public final class CompareText implements Renderer<CompareView> {
    @Override
    public void render(CompareView view, PrintWriter out) {
        print(out, view.comparison(), view.byKind());
    }

    static void print(PrintWriter out, Comparison c, boolean byKind) {
        out.println("A: " + c.a());
        out.println("B: " + c.b());
        out.println();
        Table t = new Table("OBJECT", "A KiB", "B KiB", "DELTA KiB", "").right(1, 2, 3);
        for (ObjectDelta o : c.objects()) {
            t.row(o.name(), o.aPath().isPresent() ? Sizes.kib(o.aBytes()) : "-",
                    o.bPath().isPresent() ? Sizes.kib(o.bBytes()) : "-", signedKib(o.deltaBytes()),
                    o.only().map(s -> "only in " + s.toUpperCase(java.util.Locale.ROOT)).orElse(""));
            if (byKind) {
                for (Kind k : Kind.values()) {
                    if (o.a().containsKey(k) || o.b().containsKey(k)) {
                        t.row("  " + k.label(), Sizes.kib(o.a().getOrDefault(k, 0L)), Sizes.kib(o.b().getOrDefault(k, 0L)),
                                signedKib(o.delta(k)), "");
                    }
                }
            }
        }
        if (c.elfOnly()) {
            t.row("total (ELF objects)", Sizes.kib(c.elfABytes()), Sizes.kib(c.elfBBytes()),
                    signedKib(c.elfBBytes() - c.elfABytes()), "");
        }
        t.row("total", Sizes.kib(c.aBytes()), Sizes.kib(c.bBytes()), signedKib(c.bBytes() - c.aBytes()), "");
        t.print(out, "  ");
        out.println();
        out.println("By kind" + (c.elfOnly() ? " (ELF objects)" : "") + ":");
        Table k = new Table("KIND", "A KiB", "B KiB", "DELTA KiB").right(1, 2, 3);
        for (Map.Entry<Kind, long[]> e : c.byKind(c.elfOnly()).entrySet()) {
            long[] v = e.getValue();
            k.row(e.getKey().label(), Sizes.kib(v[0]), Sizes.kib(v[1]), signedKib(v[1] - v[0]));
        }
        k.print(out, "  ");
        out.println();
        for (String line : CompareWords.explanation(c)) {
            out.println(line);
        }
        for (String n : c.notes().stream().map(Words::compareNote).toList()) {
            out.println("note: " + n);
        }
    }

    static String signedKib(long bytes) {
        return (bytes > 0 ? "+" : "") + Sizes.kib(bytes);
    }
}
