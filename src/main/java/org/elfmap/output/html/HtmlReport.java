package org.elfmap.output.html;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import org.elfmap.space.Kind;

/**
 * {@code --format html} for any command that has it: the document the command's JSON renderer
 * writes, spliced into the page ({@link HtmlPage}). Taking the JSON from the very renderer that
 * {@code --format json} uses is what makes the embedded document the same, byte for byte.
 *
 * @param view what the page draws the document as: {@code explain}, {@code predict},
 *             {@code compare} or {@code top} (the body's {@code data-view})
 */
public final class HtmlReport<R> implements Renderer<R> {
    private final String view;
    private final Renderer<R> json;
    private final Function<R, List<HtmlPage.Document>> more;

    public HtmlReport(String view, Renderer<R> json) {
        this(view, json, r -> List.of());
    }

    /** @param more further documents the page draws from (a comparison's two sides) */
    public HtmlReport(String view, Renderer<R> json, Function<R, List<HtmlPage.Document>> more) {
        this.view = view;
        this.json = json;
        this.more = more;
    }

    /**
     * The page: the command's JSON as {@code elfmap-data} (byte for byte {@code --format json}),
     * the further documents, and the kinds' legend as {@code elfmap-legend}: the words come from
     * {@link Words}, as in the text output, not from the page.
     */
    @Override
    public void render(R result, PrintWriter out) {
        List<HtmlPage.Document> docs = new ArrayList<>(more.apply(result));
        docs.add(new HtmlPage.Document("legend", legend()));
        HtmlPage.write(out, view, printed(w -> json.render(result, w)), docs);
    }

    /** {@code {"text": "code: an executable segment", ..., "other": "..."}}: every kind's words. */
    static CharSequence legend() {
        return printed(w -> {
            JsonOutput j = new JsonOutput(w);
            j.startObject();
            for (Kind k : Kind.values()) {
                j.field(k.label(), Words.kind(k));
            }
            j.field("other", Words.FOLDED).endObject().close();
            w.println();
        });
    }

    /** What {@code print} writes. */
    public static CharSequence printed(Consumer<PrintWriter> print) {
        StringWriter document = new StringWriter();
        PrintWriter w = new PrintWriter(document);
        print.accept(w);
        w.flush();
        return document.getBuffer();
    }
}
