package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The registry's message for an unknown {@code --loader} names only what {@code --loader} takes. */
class LoadersTest {
    @Test
    void everyNameAndAliasTheMessageListsIsALoader() {
        String names = Loaders.names();
        Matcher alias = Pattern.compile("([\\w@.-]+) = ([\\w@.-]+)").matcher(names);
        int aliases = 0;
        while (alias.find()) {
            assertThat(Loaders.named(alias.group(1)).name()).as(alias.group(1))
                    .isEqualTo(Loaders.named(alias.group(2)).name());
            aliases++;
        }
        assertThat(aliases).isGreaterThanOrEqualTo(6);
        Matcher range = Pattern.compile("(freebsd(?:-kernel)?)@(\\d+) \\.\\.\\. \\1@(\\d+)").matcher(names);
        int ranges = 0;
        while (range.find()) {
            for (int v = Integer.parseInt(range.group(2)); v <= Integer.parseInt(range.group(3)); v++) {
                assertThat(Loaders.named(range.group(1) + "@" + v).name()).isEqualTo(range.group(1) + "@" + v);
            }
            ranges++;
        }
        assertThat(ranges).isEqualTo(2);
        for (LoaderModel m : Loaders.ALL) {
            assertThat(names).contains(m.name());
        }
        for (BionicRelease r : BionicRelease.values()) {
            assertThat(names).contains("bionic@" + r.version());
            assertThat(Loaders.named("bionic@" + r.version())).isInstanceOf(BionicModel.class);
        }
    }
}
