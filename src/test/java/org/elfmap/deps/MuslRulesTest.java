package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The details of musl's {@code load_library} that differ from glibc. */
class MuslRulesTest {

    @Test
    void pathFileLiesBesideTheInterpretersPrefix() {
        assertThat(MuslRules.pathFile("/lib/ld-musl-x86_64.so.1")).isEqualTo("/etc/ld-musl-x86_64.path");
        assertThat(MuslRules.pathFile("/usr/local/musl/lib/ld-musl-aarch64.so.1"))
                .isEqualTo("/usr/local/musl/etc/ld-musl-aarch64.path");
        assertThat(MuslRules.arch("/lib/ld-musl-armhf.so.1")).isEqualTo("armhf");
    }

    @Test
    void onlyOriginIsExpandedAndAnyOtherDollarDropsThePath() {
        assertThat(MuslRules.fixupRpath("$ORIGIN/../lib:${ORIGIN}/x", Optional.of("/a/bin")))
                .hasValue("/a/bin/../lib:/a/bin/x");
        assertThat(MuslRules.fixupRpath("/usr/$LIB", Optional.of("/a"))).isEmpty();
        assertThat(MuslRules.fixupRpath("/plain:/dirs", Optional.empty())).hasValue("/plain:/dirs");
    }

    @Test
    void searchPathFromThisMachinesPathFile() {
        MuslRules rules = new MuslRules(Sysroot.host(), LoaderEnvironment.EMPTY, "/lib/ld-musl-x86_64.so.1");
        assertThat(rules.notes()).containsExactly(new SearchNote.MuslPathFile("/etc/ld-musl-x86_64.path"));
    }
}
