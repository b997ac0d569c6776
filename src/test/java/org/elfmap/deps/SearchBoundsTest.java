package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One rule for a directory named twice in a search list: glibc's {@code fillin_rpath}
 * ({@code elf/dl-load.c}) strips an element's trailing slashes, adds one, and skips it when
 * {@code all_dirs} (the system directories included) already holds it; the first entry stays.
 */
class SearchBoundsTest {
    @Test
    void aDirectoryNamedAgainWithOrWithoutItsSlashIsSearchedOnce() {
        List<SearchStep> steps = List.of(new SearchDir("/opt/lib", Via.RUNPATH, "/app"),
                new SearchDir("/lib/x86_64-linux-gnu", Via.RUNPATH, "/app"),
                new SearchDir("/opt/lib//", Via.LD_LIBRARY_PATH, ""),
                new SearchDir("/lib/x86_64-linux-gnu/", Via.DEFAULT_DIR, ""),
                new SearchDir("/", Via.DEFAULT_DIR, ""));
        int[] dropped = {0};
        List<SearchStep> kept = SearchBounds.distinct(steps, SearchBounds::supplied, SearchBounds.MAX_DIRS, dropped);
        assertThat(kept).extracting(s -> ((SearchDir) s).dir() + " " + ((SearchDir) s).via().name())
                .containsExactly("/opt/lib RUNPATH", "/lib/x86_64-linux-gnu RUNPATH", "/ DEFAULT_DIR");
        assertThat(dropped[0]).isZero();
    }

    @Test
    void onlyTheSuppliedDirectoriesCountTowardsTheBound() {
        List<SearchStep> steps = List.of(new SearchDir("/a", Via.RUNPATH, "/app"), new SearchDir("/b", Via.RUNPATH, "/app"),
                new SearchDir("/c", Via.RUNPATH, "/app"), new SearchDir("/lib", Via.DEFAULT_DIR, ""));
        int[] dropped = {0};
        List<SearchStep> kept = SearchBounds.distinct(steps, SearchBounds::supplied, 2, dropped);
        assertThat(kept).extracting(s -> ((SearchDir) s).dir()).containsExactly("/a", "/b", "/lib");
        assertThat(dropped[0]).isEqualTo(1);
    }
}
