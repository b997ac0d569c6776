package org.elfmap.space;

import java.util.List;

/**
 * The check of an object's observed mappings against its layout: {@code match}, {@code mismatch}
 * with the differences, or {@code unavailable} with the reason (file unreadable, changed on
 * disk, path truncated...).
 */
public record Prediction(Status status, List<String> differences, String reason) {
    public enum Status {
        MATCH("match"), MISMATCH("mismatch"), UNAVAILABLE("unavailable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Prediction match() {
        return new Prediction(Status.MATCH, List.of(), "");
    }

    public static Prediction mismatch(List<String> differences) {
        return new Prediction(Status.MISMATCH, List.copyOf(differences), "");
    }

    public static Prediction unavailable(String reason) {
        return new Prediction(Status.UNAVAILABLE, List.of(), reason);
    }
}
