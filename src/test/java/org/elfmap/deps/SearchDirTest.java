package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A search directory's candidates: glibc's {@code open_path} ({@code elf/dl-load.c}) tries each
 * hwcap subdirectory that is there, then the directory itself, and nothing in a directory that is
 * not there (its {@code status} becomes {@code nonexisting}, and it is skipped for every later name).
 */
class SearchDirTest {
    private static final SearchDir DIR = new SearchDir("/x/lib", Via.RUNPATH, "/x/app",
            List.of("glibc-hwcaps/x86-64-v3", "glibc-hwcaps/x86-64-v2", ""));

    @Test
    void subdirectoriesThatAreNotThereAreNotTried() {
        List<String> asked = new ArrayList<>();
        Set<String> there = Set.of("/x/lib", "/x/lib/glibc-hwcaps/x86-64-v2");
        List<Found> c = DIR.candidates("libz.so.1", d -> {
            asked.add(d);
            return there.contains(d);
        });
        assertThat(c).extracting(Found::path).containsExactly("/x/lib/glibc-hwcaps/x86-64-v2/libz.so.1", "/x/lib/libz.so.1");
        assertThat(asked).containsExactly("/x/lib", "/x/lib/glibc-hwcaps/x86-64-v3", "/x/lib/glibc-hwcaps/x86-64-v2");
    }

    @Test
    void aDirectoryThatIsNotThereHoldsNothing() {
        assertThat(DIR.candidates("libz.so.1", d -> false)).isEmpty();
        assertThat(new SearchDir("", Via.RUNPATH, "/x/app").candidates("libz.so.1", d -> d.equals(".")))
                .extracting(Found::path).containsExactly("libz.so.1");
    }
}
