package org.elfmap.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The output formats ({@code --format}, contract "Output formats"), chosen once for every command. */
public enum Format {
    /** People at a terminal; untrusted names escaped. */
    TEXT,
    /** Scripts; the contract's JSON shapes. */
    JSON,
    /** One self-contained offline page: the address-space picture. */
    HTML,
    /** {@code proc;object;segment;kind bytes} lines for flame graphs. */
    FOLDED,
    /** SARIF 2.1.0 for code scanning. */
    SARIF,
    /** JUnit XML for CI test reports. */
    JUNIT,
    /** GitHub workflow annotations and a step summary. */
    GITHUB;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> byLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst();
    }
}
