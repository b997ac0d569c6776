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

    /**
     * The sides hold their gaps differently: address space one side counts in VSZ (file pages, or
     * anonymous {@code PROT_NONE} reservations: FreeBSD rtld before 12, Linux, bionic) and the
     * other holds as FreeBSD {@code MAP_GUARD} entries, which {@code vm_map_insert} leaves out of
     * {@code map->size} and so out of VSZ (FreeBSD 12+ rtld).
     *
     * @param countedA gap bytes side A counts in VSZ
     * @param guardA   gap bytes side A holds as guards
     */
    record GapsHeldDifferently(long countedA, long guardA, long countedB, long guardB) implements CompareNote {
    }
}
