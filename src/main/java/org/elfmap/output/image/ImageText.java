package org.elfmap.output.image;

import org.elfmap.output.Table;
import org.elfmap.output.Sizes;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import org.elfmap.output.Hex;
import java.io.PrintWriter;
import java.util.Map;
import org.elfmap.space.AddressImage;
import org.elfmap.space.KindTotal;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.space.Region;
import org.elfmap.space.Usage;
import org.elfmap.space.Kind;

/**
 * An {@link AddressImage} as tables: totals by kind for the whole address space, then each object
 * with its VSZ/RSS/PSS by kind and its prediction; with {@code verbose}, every mapping and its note.
 */
public final class ImageText implements Renderer<ExplainView> {

    @Override
    public void render(ExplainView view, PrintWriter out) {
        print(out, view.image(), view.verbose());
    }

    static void print(PrintWriter out, AddressImage image, boolean verbose) {
        boolean rss = image.hasUsage();
        boolean pss = image.hasPss();
        Usage u = image.usage();
        StringBuilder head = new StringBuilder(image.source()).append(" (").append(image.format()).append("): VSZ ")
                .append(image.vszKnown() ? Sizes.kib(image.vszBytes()) + " KiB" : "unknown (smaps_rollup has no entries)");
        if (rss) {
            head.append(", RSS ").append(Sizes.kib(u.rssBytes())).append(" KiB");
        }
        if (pss) {
            head.append(", PSS ").append(Sizes.kib(u.pssBytes())).append(" KiB");
        }
        out.println(head);
        image.notes().forEach(n -> out.println("note: " + Words.imageNote(n)));
        if (image.objects().isEmpty()) {
            return;
        }
        out.println();
        out.println("By kind:");
        Table kinds = table(rss, pss, "KIND");
        for (Map.Entry<Kind, KindTotal> e : image.byKind().entrySet()) {
            kinds.row(row(e.getKey().label(), e.getValue(), rss, pss));
        }
        kinds.print(out, "  ");
        out.println();
        out.println("By object:");
        Table objects = withUsage(rss, pss, new String[] {"OBJECT", "KIND", "VSZ KiB"}, new String[] {"PREDICTION"});
        for (ObjectImage o : image.objects()) {
            Usage ou = o.usage();
            objects.row(cells(o.path(), "all", o.vszBytes(), ou, rss, pss, prediction(o)));
            if (o.byKind().size() > 1) {
                for (Map.Entry<Kind, KindTotal> e : o.byKind().entrySet()) {
                    KindTotal t = e.getValue();
                    objects.row(cells("", e.getKey().label(), t.vszBytes(), t.usage(), rss, pss, ""));
                }
            }
        }
        objects.print(out, "  ");
        for (ObjectImage o : image.objects()) {
            o.prediction().filter(p -> p.status() != Prediction.Status.MATCH).ifPresent(p -> {
                if (verbose || p.status() == Prediction.Status.MISMATCH) {
                    out.println();
                    out.println(o.path() + ": prediction " + p.status().label()
                            + p.reason().map(r -> " (" + Words.unavailable(r) + ")").orElse(""));
                    Words.differences(p).forEach(d -> out.println("  - " + d));
                }
            });
        }
        if (verbose) {
            mappings(out, image, rss, pss);
        }
    }

    private static void mappings(PrintWriter out, AddressImage image, boolean rss, boolean pss) {
        for (ObjectImage o : image.objects()) {
            out.println();
            out.println(o.path() + (o.base().isPresent() ? " at " + Hex.of(o.base().getAsLong()) : "")
                    + (o.identity().isEmpty() ? "" : " (" + o.identity() + ")"));
            Table t = withUsage(rss, pss, new String[] {"START", "END", "PROT", "OFFSET", "KIND", "SEG", "VSZ KiB"},
                    new String[] {"NOTE"});
            for (Region r : o.regions()) {
                String off = r.fileOffset().isPresent() ? Hex.of(r.fileOffset().getAsLong()) : "";
                String seg = r.segment().isPresent() ? Integer.toString(r.segment().getAsInt()) : "";
                Usage ru = r.usage().orElse(Usage.ZERO);
                t.row(usageRow(rss, pss, new Object[] {Hex.of(r.start()), Hex.of(r.end()), r.perms(), off,
                    r.kind().label(), seg, Sizes.kib(r.vszBytes())}, ru, new Object[] {Words.regionWithCost(r, image.page())}));
            }
            t.print(out, "  ");
            if (o.folded().entries() > 0) {
                out.println("  ... and " + o.folded().entries() + " more entries, counted above but not listed");
            }
        }
    }

    private static String prediction(ObjectImage o) {
        return o.prediction().map(p -> p.status().label()).orElse("");
    }

    private static Table table(boolean rss, boolean pss, String first) {
        return withUsage(rss, pss, new String[] {first, "VSZ KiB"}, new String[0]);
    }

    /** A table whose columns are {@code lead}, then RSS and PSS when known, then {@code tail}. */
    private static Table withUsage(boolean rss, boolean pss, String[] lead, String[] tail) {
        java.util.List<String> h = new java.util.ArrayList<>(java.util.List.of(lead));
        if (rss) {
            h.add("RSS KiB");
        }
        if (pss) {
            h.add("PSS KiB");
        }
        h.addAll(java.util.List.of(tail));
        Table t = new Table(h.toArray(new String[0]));
        for (int i = lead.length - 1; i < lead.length + (rss ? 1 : 0) + (pss ? 1 : 0); i++) {
            t.right(i);
        }
        return t;
    }

    private static Object[] usageRow(boolean rss, boolean pss, Object[] lead, Usage u, Object[] tail) {
        java.util.List<Object> r = new java.util.ArrayList<>(java.util.List.of(lead));
        if (rss) {
            r.add(Sizes.kib(u.rssBytes()));
        }
        if (pss) {
            r.add(Sizes.kib(u.pssBytes()));
        }
        r.addAll(java.util.List.of(tail));
        return r.toArray();
    }

    private static Object[] row(String label, KindTotal t, boolean rss, boolean pss) {
        return usageRow(rss, pss, new Object[] {label, Sizes.kib(t.vszBytes())}, t.usage(), new Object[0]);
    }

    private static Object[] cells(String object, String kind, long vsz, Usage u, boolean rss, boolean pss,
                                  String prediction) {
        return usageRow(rss, pss, new Object[] {object, kind, Sizes.kib(vsz)}, u, new Object[] {prediction});
    }
}
