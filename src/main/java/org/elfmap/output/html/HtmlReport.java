package org.elfmap.output.html;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    public HtmlReport(String view, Renderer<R> json) {
        this.view = view;
        this.json = json;
    }

    @Override
    public void render(R result, PrintWriter out) {
        StringWriter document = new StringWriter();
        PrintWriter w = new PrintWriter(document);
        json.render(result, w);
        w.flush();
        HtmlPage.write(out, view, document.getBuffer());
    }
}
