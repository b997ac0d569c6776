package org.elfmap.output.image;

import org.elfmap.output.Hex;
import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import java.io.PrintWriter;
import org.elfmap.output.Words;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.elfmap.space.AddressImage;
import org.elfmap.space.KindTotal;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prediction;
import org.elfmap.space.Region;
import org.elfmap.space.Usage;
import org.elfmap.space.Kind;

/**
 * An {@link AddressImage} in the contract's JSON shape ({@code explain} and {@code predict}):
 * source, format, totals, byKind, notes, objects with their byKind, prediction and mappings.
 * RSS/PSS fields appear only when the input carries them.
 */
public final class ImageJson implements Renderer<ExplainView> {
    @Override
    public void render(ExplainView view, PrintWriter out) {
        document(out, view.image());
    }

    /** The whole document for {@code image}, ended by a newline. */
    public static void document(PrintWriter out, AddressImage image) {
        document(out, image, j -> { });
    }

    /** The whole document, with {@code header} writing a command's own fields after {@code source} and {@code format}. */
    public static void document(PrintWriter out, AddressImage image, Consumer<JsonOutput> header) {
        JsonOutput json = new JsonOutput(out);
        write(json, image, header);
        json.close();
        out.println();
    }

    static void write(JsonOutput j, AddressImage image) {
        write(j, image, x -> { });
    }

    static void write(JsonOutput j, AddressImage image, Consumer<JsonOutput> header) {
        boolean rss = image.hasUsage();
        boolean pss = image.hasPss();
        j.startObject();
        j.field("source", image.source());
        j.field("format", image.format());
        j.field("pageSize", image.page().bytes());
        header.accept(j);
        j.startObject("totals");
        if (image.vszKnown()) {
            j.field("vszBytes", image.vszBytes());
        } else {
            j.nullField("vszBytes");
        }
        usage(j, image.usage(), rss, pss);
        j.endObject();
        byKind(j, image.byKind(), rss, pss);
        if (!image.notes().isEmpty()) {
            j.startArray("notes");
            image.notes().forEach(n -> j.value(Words.imageNote(n)));
            j.endArray();
        }
        if (image.format().equals("predicted") || !image.unresolved().isEmpty()) {
            j.startArray("unresolved");
            image.unresolved().forEach(j::value);
            j.endArray();
        }
        j.startArray("objects");
        for (ObjectImage o : image.objects()) {
            object(j, o, rss, pss, image.page());
        }
        j.endArray();
        j.endObject();
    }

    private static void object(JsonOutput j, ObjectImage o, boolean rss, boolean pss, PageSize page) {
        j.startObject();
        j.field("path", o.path());
        j.field("name", o.name());
        if (!o.identity().isEmpty()) {
            j.field("object", o.identity());
        }
        if (o.base().isPresent()) {
            j.hex("base", o.base().getAsLong());
        }
        byKind(j, o.byKind(), rss, pss);
        j.field("vszBytes", o.vszBytes());
        usage(j, o.usage(), rss, pss);
        if (o.prediction().isPresent()) {
            Prediction p = o.prediction().get();
            j.field("prediction", p.status().label());
            if (p.status() == Prediction.Status.MISMATCH) {
                j.startArray("differences");
                Words.differences(p).forEach(j::value);
                j.endArray();
            }
            p.reason().ifPresent(r -> j.field("reason", Words.unavailable(r)));
        }
        if (o.folded().entries() > 0) {
            j.field("unlistedMappings", o.folded().entries());
        }
        mappings(j, "mappings", o.regions(), rss, pss, page);
        List<Region> expected = o.prediction().map(Prediction::expected).orElse(List.of());
        if (!expected.isEmpty()) {
            mappings(j, "predicted", expected, rss, pss, page);
        }
        j.endObject();
    }

    private static void mappings(JsonOutput j, String field, List<Region> regions, boolean rss, boolean pss,
                                 PageSize page) {
        j.startArray(field);
        for (Region r : regions) {
            j.startObject();
            j.hex("start", r.start());
            j.hex("end", r.end());
            j.field("prot", r.perms().toString());
            if (r.fileOffset().isPresent()) {
                j.hex("fileOffset", r.fileOffset().getAsLong());
            }
            j.field("kind", r.kind().label());
            if (r.segment().isPresent()) {
                j.field("segment", r.segment().getAsInt());
            }
            j.field("backing", r.backing().label());
            j.field("vszBytes", r.vszBytes());
            usage(j, r.usage().orElse(Usage.ZERO), rss && r.usage().isPresent(), pss && r.usage().isPresent());
            if (r.note().isPresent()) {
                j.field("note", Words.regionWithCost(r, page));
            }
            j.endObject();
        }
        j.endArray();
    }

    /** {@code "byKind": {"gap": {"vszBytes": 0, "rssBytes": 0}}}, kinds in the contract's order. */
    public static void byKind(JsonOutput j, Map<Kind, KindTotal> byKind, boolean rss, boolean pss) {
        j.startObject("byKind");
        for (Map.Entry<Kind, KindTotal> e : byKind.entrySet()) {
            j.startObject(e.getKey().label());
            j.field("vszBytes", e.getValue().vszBytes());
            usage(j, e.getValue().usage(), rss, pss);
            j.endObject();
        }
        j.endObject();
    }

    private static void usage(JsonOutput j, Usage u, boolean rss, boolean pss) {
        if (rss) {
            j.field("rssBytes", u.rssBytes());
        }
        if (pss) {
            j.field("pssBytes", u.pssBytes());
        }
        if (rss && u.swapBytes() > 0) {
            j.field("swapBytes", u.swapBytes());
        }
    }
}
