package org.elfmap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test needs to read in a page that {@code --format html} wrote (docs/contract.md). */
public final class ReportPages {
    public static final String DATA_OPEN = "<script type=\"application/json\" id=\"elfmap-data\">";
    private static final Pattern URL_ATTRIBUTE = Pattern.compile(
            "(?i)\\b(?:src|href|xlink:href|action|poster|data)\\s*=\\s*[\"']?([^\"'\\s>]*)|url\\(\\s*['\"]?([^'\")]*)");

    private ReportPages() {
    }

    /** The embedded JSON document, as the page holds it (escaped for a script element). */
    public static String embeddedText(String page) {
        return embeddedText(page, "data");
    }

    /** The document in {@code <script type="application/json" id="elfmap-ID">}, as the page holds it. */
    public static String embeddedText(String page, String id) {
        String tag = "<script type=\"application/json\" id=\"elfmap-" + id + "\">";
        int open = page.indexOf(tag);
        assertThat(open).as("the page embeds %s", id).isGreaterThanOrEqualTo(0);
        assertThat(page.indexOf(tag, open + 1)).as("exactly once").isLessThan(0);
        int from = open + tag.length();
        int to = page.indexOf("</script>", from);
        assertThat(to).as("the data script ends").isGreaterThan(from);
        return page.substring(from, to);
    }

    /** The embedded JSON document, unescaped: what {@code --format json} printed. */
    public static String embeddedJson(String page) {
        return unescape(embeddedText(page));
    }

    /** The inverse of HtmlPage's escape: the embedded text back to the JSON document. */
    public static String unescape(CharSequence embedded) {
        return embedded.toString().replace("<\\/", "</").replace("<\\u0021--", "<!--");
    }

    /** The document {@code elfmap-ID}, unescaped. */
    public static String embeddedJson(String page, String id) {
        return unescape(embeddedText(page, id));
    }

    /** The page without its embedded data: the template's own text, where no URL may appear. */
    public static String withoutData(String page) {
        String data = embeddedText(page);
        int at = page.indexOf(DATA_OPEN) + DATA_OPEN.length();
        return page.substring(0, at) + page.substring(at + data.length());
    }

    /** Every value of a src/href/data attribute or a CSS url() in {@code text}. */
    public static List<String> urlReferences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = URL_ATTRIBUTE.matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
