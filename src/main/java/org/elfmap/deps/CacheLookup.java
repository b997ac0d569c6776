package org.elfmap.deps;

import java.util.List;
import java.util.function.Predicate;

/**
 * glibc's ld.so.cache step ({@code _dl_load_cache_lookup}): the entry for the name that
 * {@code search_cache} chooses on this CPU ({@link LdSoCache#select}). A loader with
 * {@code DF_1_NODEFLIB} may not take an entry that lies in one of the default directories
 * ({@code _dl_map_object}: the cached path must not start with one of them).
 *
 * @param refusedDirs default directories whose entries are refused (DF_1_NODEFLIB), else empty
 */
public record CacheLookup(LdSoCache cache, LdSoCache.Selection selection, List<String> refusedDirs)
        implements SearchStep {

    public CacheLookup {
        refusedDirs = List.copyOf(refusedDirs);
    }

    @Override
    public List<Found> candidates(String name, Predicate<String> isDirectory) {
        return cache.select(name, selection)
                .filter(e -> refusedDirs.stream().noneMatch(d -> e.path().startsWith(d.endsWith("/") ? d : d + "/")))
                .map(e -> List.of(new Found(e.path(), Via.LD_SO_CACHE, "")))
                .orElse(List.of());
    }

    @Override
    public String describe() {
        return cache.file() + " (ld.so.cache)";
    }
}
