package org.elfmap.deps;

import java.util.List;
import java.util.function.Predicate;

/**
 * A DT_NEEDED name containing '/': no search, the file is opened as named (relative names from
 * the current directory), after glibc has expanded its tokens.
 */
record PathName(String name) implements SearchStep {
    @Override
    public List<Found> candidates(String ignored, Predicate<String> isDirectory) {
        return List.of(new Found(name, Via.PATH, ""));
    }

    @Override
    public String describe() {
        return name + " (path)";
    }
}
