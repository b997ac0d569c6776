package org.elfmap.output.html;

/**
 * Which command's JSON document a page embeds: the page's script draws each one differently
 * (docs/contract.md, "--format html"). The label is what the page's {@code data-view} says.
 */
public enum HtmlView {
    EXPLAIN("explain"), PREDICT("predict"), COMPARE("compare"), TOP("top");

    private final String label;

    HtmlView(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
