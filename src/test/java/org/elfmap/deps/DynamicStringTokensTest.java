package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** glibc's {@code is_dst}/{@code _dl_dst_substitute} rules, case by case. */
class DynamicStringTokensTest {
    private final DynamicStringTokens debian = new DynamicStringTokens(Optional.of("/opt/app/bin"),
            "lib/x86_64-linux-gnu", "x86_64");

    @Test
    void knownTokensPlainAndBraced() {
        assertThat(debian.expand("$ORIGIN/../lib")).hasValue("/opt/app/bin/../lib");
        assertThat(debian.expand("${ORIGIN}/../$LIB")).hasValue("/opt/app/bin/../lib/x86_64-linux-gnu");
        assertThat(debian.expand("/opt/${PLATFORM}/$PLATFORM")).hasValue("/opt/x86_64/x86_64");
    }

    @Test
    void aNameFollowedByIdentifierCharactersIsNoToken() {
        assertThat(debian.expand("$ORIGINAL/x")).hasValue("$ORIGINAL/x");
        assertThat(debian.expand("$LIB_DIR")).hasValue("$LIB_DIR");
        assertThat(debian.expand("${ORIGIN")).hasValue("${ORIGIN");
        assertThat(debian.expand("$HOME/lib")).hasValue("$HOME/lib");
        assertThat(debian.expand("$ORIGIN.d")).hasValue("/opt/app/bin.d");
    }

    @Test
    void aKnownTokenWithoutValueDiscardsTheElement() {
        DynamicStringTokens noOrigin = new DynamicStringTokens(Optional.empty(), "lib64", "x86_64");
        assertThat(noOrigin.expand("$ORIGIN/lib")).isEmpty();
        assertThat(noOrigin.expand("/usr/$LIB")).hasValue("/usr/lib64");
    }

    @Test
    void tokenCountLikeDlDstCount() {
        assertThat(DynamicStringTokens.hasToken("libfoo.so")).isFalse();
        assertThat(DynamicStringTokens.hasToken("$ORIGINAL")).isFalse();
        assertThat(DynamicStringTokens.hasToken("a$b$LIB")).isTrue();
    }
}
