package org.elfmap.output.html;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.elfmap.output.Renderer;

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

    @Override
    public void render(R result, PrintWriter out) {
        HtmlPage.write(out, view, printed(w -> json.render(result, w)), more.apply(result));
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
