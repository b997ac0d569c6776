package org.elfmap.output.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.elfmap.testkit.ReportPages;
import org.junit.jupiter.api.Test;

/**
 * The page template and the splicing of the JSON into it, without a browser (the browser tests
 * are {@link ReportInBrowserTest}): the text between the data script's tags may not end the
 * element early nor open a comment (WHATWG HTML, "Restrictions for contents of script elements":
 * {@code </script} ends it, {@code <!--} starts the escaped states), yet it must give back the
 * JSON exactly, and JSON.parse must read the same values.
 */
class HtmlPageTest {
    private static final List<String> HOSTILE = List.of("</script><script>alert(1)</script>", "</SCRIPT >",
            "<!--<script>", "a</b", "<\\/ already escaped?", "<!-- -->", "\\u0021", "</", "<", "<!-", "tab\there",
            "line\nbreak", "\u2028\u2029", "ünïcödé ✓", "\"quoted\"");

    private static String json(List<String> values) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("names");
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return w + "\n";
    }

    @Test
    void hostileStringsCannotEndTheScriptElementAndComeBackExactly() throws IOException {
        String json = json(HOSTILE);
        String embedded = HtmlPage.escape(json);
        assertThat(embedded.toLowerCase()).doesNotContain("</").doesNotContain("<!--");
        assertThat(ReportPages.unescape(embedded)).isEqualTo(json);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(embedded)).isEqualTo(mapper.readTree(json));
    }

    @Test
    void theJsonIsSplicedInOnceWithTheView() throws IOException {
        String json = json(HOSTILE);
        StringWriter page = new StringWriter();
        HtmlPage.write(page, "compare", json, List.of());
        String html = page.toString();
        assertThat(ReportPages.embeddedJson(html)).isEqualTo(json);
        assertThat(html).contains("<body data-view=\"compare\">").doesNotContain(HtmlPage.VIEW_MARKER)
                .doesNotContain(HtmlPage.DATA_MARKER).startsWith("<!DOCTYPE html>");
        // the data script ends where the page's own closing tag is, not inside the data
        int open = html.indexOf(ReportPages.DATA_OPEN) + ReportPages.DATA_OPEN.length();
        assertThat(html.indexOf("</script", open)).isEqualTo(open + HtmlPage.escape(json).length());
    }

    @Test
    void furtherDocumentsComeInScriptsOfTheirOwn() throws IOException {
        String json = json(HOSTILE);
        StringWriter page = new StringWriter();
        HtmlPage.write(page, "compare", json, List.of(new HtmlPage.Document("side-a", "{\"a\":\"</script>\"}\n"),
                new HtmlPage.Document("side-b", json)));
        String html = page.toString();
        assertThat(ReportPages.embeddedJson(html)).isEqualTo(json);
        assertThat(ReportPages.embeddedJson(html, "side-a")).isEqualTo("{\"a\":\"</script>\"}\n");
        assertThat(ReportPages.embeddedJson(html, "side-b")).isEqualTo(json);
        assertThat(html).doesNotContain(HtmlPage.MORE_MARKER);
    }

    @Test
    void theTemplateHoldsNoUrlAtAll() throws IOException {
        String template;
        try (InputStream in = HtmlPage.class.getResourceAsStream(HtmlPage.RESOURCE)) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(template).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
                .doesNotContain("://").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("fetch(").doesNotContainIgnoringCase("XMLHttpRequest")
                .doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase(" src=");
        for (String ref : ReportPages.urlReferences(template)) {
            assertThat(ref).as("a reference in the template").doesNotContain(":").doesNotStartWith("//");
        }
        assertThat(template).containsOnlyOnce(HtmlPage.VIEW_MARKER).containsOnlyOnce(HtmlPage.DATA_MARKER)
                .containsOnlyOnce(HtmlPage.MORE_MARKER);
    }

    /** The legend travels in a script element of its own, so elfmap-data stays the JSON output byte for byte. */
    @Test
    void everyKindHasItsWordsInTheLegendDocument() throws IOException {
        JsonNode legend = new ObjectMapper().readTree(HtmlReport.legend().toString());
        for (org.elfmap.space.Kind k : org.elfmap.space.Kind.values()) {
            assertThat(legend.path(k.label()).asText()).as(k.label()).isNotBlank();
        }
        assertThat(legend.path("other").asText()).contains("folded");
    }
}
