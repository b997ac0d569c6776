package org.elfmap.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elements of a serialized DOM (Chromium's {@code --dump-dom}) found by tag and attributes,
 * each as its attributes. Only start tags are read: enough for the SVG items a report draws, whose
 * attributes say what they stand for. Attribute values are unescaped as the HTML serializer
 * escapes them ({@code &amp; &quot; &lt; &gt; &nbsp;}).
 */
public final class Dom {
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_:][-A-Za-z0-9_:.]*)=\"([^\"]*)\"");

    private final String html;

    /** Script elements' text (the embedded JSON, the page's code) is left out of the search. */
    public Dom(String html) {
        this.html = Pattern.compile("(<script\\b[^>]*>).*?(</script>)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE)
                .matcher(html).replaceAll("$1$2");
    }

    public String html() {
        return html;
    }

    /**
     * Every {@code <tag ...>} that has each of {@code required}: an attribute name ({@code data-kind}:
     * present, any value) or {@code name=value}.
     */
    public List<Map<String, String>> elements(String tag, String... required) {
        List<Map<String, String>> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + Pattern.quote(tag) + "(\\s[^>]*)?>").matcher(html);
        while (m.find()) {
            Map<String, String> attrs = attributes(m.group(1) == null ? "" : m.group(1));
            boolean ok = true;
            for (String r : required) {
                int eq = r.indexOf('=');
                String v = attrs.get(eq < 0 ? r : r.substring(0, eq));
                ok &= v != null && (eq < 0 || r.substring(eq + 1).equals(v));
            }
            if (ok) {
                out.add(attrs);
            }
        }
        return out;
    }

    /** The attributes of the root element ({@code <html ...>}). */
    public Map<String, String> root() {
        List<Map<String, String>> e = elements("html");
        return e.isEmpty() ? Map.of() : e.get(0);
    }

    /** Whether {@code c} is one of the element's classes. */
    public static boolean hasClass(Map<String, String> element, String c) {
        return List.of(element.getOrDefault("class", "").split("\\s+")).contains(c);
    }

    private static Map<String, String> attributes(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(s);
        while (a.find()) {
            out.put(a.group(1), unescape(a.group(2)));
        }
        return out;
    }

    static String unescape(String v) {
        return v.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
