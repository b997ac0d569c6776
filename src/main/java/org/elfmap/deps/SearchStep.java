package org.elfmap.deps;

import java.util.List;

/** One step of a loader's search: a directory to look in, or the ld.so.cache lookup. */
public sealed interface SearchStep permits SearchDir, CacheLookup, PathName {

    /** The files this step tries for {@code name}, in order (none, one, or a directory's hwcap subdirectories then itself). */
    List<Found> candidates(String name);

    /** What was searched, for the message about an unresolved name. */
    String describe();
}
