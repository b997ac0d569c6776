package org.elfmap.deps;

import java.util.List;
import java.util.function.Predicate;

/** One step of a loader's search: a directory to look in, or the ld.so.cache lookup. */
public sealed interface SearchStep permits SearchDir, CacheLookup, PathName {

    /**
     * The files this step tries for {@code name}, in order (none, one, or a directory's hwcap
     * subdirectories then itself).
     *
     * @param isDirectory whether a directory the step would look in is there; the resolver asks
     *                    the file system once per directory and resolution, as glibc's
     *                    {@code open_path} ({@code elf/dl-load.c}) marks a directory or hwcap
     *                    subdirectory {@code nonexisting} in its {@code status} and skips it for
     *                    every later name
     */
    List<Found> candidates(String name, Predicate<String> isDirectory);

    /** What was searched, for the message about an unresolved name. */
    String describe();
}
