package org.elfmap.deps;

import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * glibc's ld.so.cache step ({@code _dl_load_cache_lookup}): the first entry for the name whose
 * flags fit the process ({@code _dl_cache_check_flags}). A loader with {@code DF_1_NODEFLIB}
 * may not take an entry that lies in one of the default directories.
 *
 * @param refusedDirs default directories whose entries are refused (DF_1_NODEFLIB), else empty
 */
public record CacheLookup(LdSoCache cache, IntPredicate flagsAccepted, List<String> refusedDirs)
        implements SearchStep {

    public CacheLookup {
        refusedDirs = List.copyOf(refusedDirs);
    }

    @Override
    public Optional<Found> candidate(String name) {
        return cache.lookup(name, flagsAccepted)
                .filter(e -> refusedDirs.stream().noneMatch(d -> e.path().startsWith(d.endsWith("/") ? d : d + "/")))
                .map(e -> new Found(e.path(), Via.LD_SO_CACHE, ""));
    }

    @Override
    public String describe() {
        return cache.file() + " (ld.so.cache)";
    }
}
