package org.elfmap.pages.origin;

import java.util.Optional;

/**
 * Where a library's bytes were found among the dependencies: the artifact ({@code file}, an AAR,
 * JAR or a loose {@code .so}), the entry inside it, the coordinate its place names, and how the
 * bytes matched.
 */
public record Origin(Optional<Coordinate> coordinate, String file, Optional<String> entry, Match match) {
    public enum Match {
        /** The same bytes. */
        SHA256("sha256"),
        /** Other bytes (stripped, say) with the same {@code NT_GNU_BUILD_ID}. */
        BUILD_ID("build-id");

        private final String label;

        Match(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code file!/entry}, or the file. */
    public String location() {
        return entry.map(e -> file + "!/" + e).orElse(file);
    }
}
