package org.elfmap.deps;

import java.util.Optional;

/** One step of a loader's search: a directory to look in, or the ld.so.cache lookup. */
public sealed interface SearchStep permits SearchDir, CacheLookup, PathName {

    /** The file this step offers for {@code name}, if any. */
    Optional<Found> candidate(String name);

    /** What was searched, for the message about an unresolved name. */
    String describe();
}
