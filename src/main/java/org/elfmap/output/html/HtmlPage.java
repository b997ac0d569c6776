package org.elfmap.output.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code --format html}: one self-contained offline page (docs/contract.md, "--format html"). The
 * page is a resource file, {@code report.html}, with its CSS and script inline; the JSON document
 * the same command prints with {@code --format json} is spliced into it once, as the text of
 * {@code <script type="application/json" id="elfmap-data">}, and the command's name into the
 * body's {@code data-view}. This is how async-profiler writes its flame graphs (its
 * {@code src/res/flame.html}, whose markers are replaced by the data): no template engine, nothing
 * fetched when the page is opened. A page may carry further documents the drawing needs (the two
 * sides of a comparison, as {@code explain} or {@code predict} prints each), each in a script
 * element of its own, {@code elfmap-ID}, escaped the same way.
 *
 * <p>The embedded text is the JSON byte for byte except for two sequences that would end or
 * derail an HTML script element (WHATWG HTML, "Restrictions for contents of script elements"):
 * {@code </} is written {@code <\/} and {@code <!--} is written with its {@code !} as the JSON
 * escape backslash-{@code u0021}. Both are JSON escapes of the same characters, so {@code JSON.parse}
 * reads the same document; and neither can occur in Jackson's output (it never escapes {@code /}
 * or {@code !}, and writes a backslash in a string as {@code \\}), so replacing them back gives
 * the exact text.
 */
public final class HtmlPage {
    /** The page's resource, next to this class. */
    static final String RESOURCE = "report.html";
    static final String VIEW_MARKER = "@ELFMAP_VIEW@";
    static final String DATA_MARKER = "@ELFMAP_DATA@";
    static final String MORE_MARKER = "@ELFMAP_MORE@";

    private static final Template TEMPLATE = Template.load();

    private HtmlPage() {
    }

    /** A further JSON document for the page's script, in {@code <script type="application/json" id="elfmap-ID">}. */
    public record Document(String id, CharSequence json) {
        public Document {
            if (!id.matches("[a-z][a-z-]*") || id.equals("data")) {
                throw new IllegalArgumentException("document id " + id);
            }
        }
    }

    /**
     * Writes the page for {@code view} ({@code explain}, {@code predict}, {@code compare} or
     * {@code top}) with {@code json} (the whole {@code --format json} output) embedded, and
     * {@code more} documents after it.
     */
    public static void write(Writer out, String view, CharSequence json, List<Document> more) {
        if (!view.matches("[a-z]+")) {
            throw new IllegalArgumentException("view " + view);
        }
        try {
            out.write(TEMPLATE.head);
            out.write(view);
            out.write(TEMPLATE.beforeData);
            out.write(escape(json));
            out.write(TEMPLATE.afterData);
            for (Document d : more) {
                out.write("<script type=\"application/json\" id=\"elfmap-" + d.id() + "\">");
                out.write(escape(d.json()));
                out.write("</script>\n");
            }
            out.write(TEMPLATE.tail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON text as it may stand inside a script element (see the class comment). */
    static String escape(CharSequence json) {
        StringBuilder b = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            b.append(c);
            if (c == '<' && i + 1 < json.length()) {
                char next = json.charAt(i + 1);
                if (next == '/') {
                    b.append('\\');
                } else if (next == '!' && startsAt(json, i + 1, "!--")) {
                    b.append("\\u0021");
                    i++;
                }
            }
        }
        return b.toString();
    }

    private static boolean startsAt(CharSequence s, int at, String what) {
        return at + what.length() <= s.length() && s.subSequence(at, at + what.length()).toString().equals(what);
    }

    /** The page cut at its three markers. */
    private record Template(String head, String beforeData, String afterData, String tail) {
        static Template load() {
            String page;
            try (InputStream in = HtmlPage.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
                }
                page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int view = once(page, VIEW_MARKER);
            int data = once(page, DATA_MARKER);
            int more = once(page, MORE_MARKER);
            if (data < view || more < data) {
                throw new IllegalStateException(RESOURCE + ": the markers must come in the order view, data, more");
            }
            return new Template(page.substring(0, view), page.substring(view + VIEW_MARKER.length(), data),
                    page.substring(data + DATA_MARKER.length(), more), page.substring(more + MORE_MARKER.length()));
        }

        private static int once(String page, String marker) {
            int at = page.indexOf(marker);
            if (at < 0 || page.indexOf(marker, at + 1) >= 0) {
                throw new IllegalStateException(RESOURCE + " must hold " + marker + " exactly once");
            }
            return at;
        }
    }
}
