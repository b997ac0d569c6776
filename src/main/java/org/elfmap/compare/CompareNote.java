package org.elfmap.compare;

import java.util.List;

/** What a comparison's reader should know about it as a whole. */
public sealed interface CompareNote {
    /**
     * Exactly one side is predicted from files: [stack], [heap], [anon] and other memory a
     * running process adds are listed but left out of the explanation, which compares ELF
     * objects only.
     */
    record OneSidePredicted() implements CompareNote {
    }

    /** Libraries a predicted side could not find, so they are not in the comparison. */
    record Unresolved(String side, List<String> names) implements CompareNote {
        public Unresolved {
            names = List.copyOf(names);
        }
    }
}
