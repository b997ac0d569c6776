package org.elfmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ProcStat#parse} reads the fields after the name without {@code split(" ")}, and must
 * give what split gave: the oracle here is the parse as it was written with split.
 */
class ProcStatProperties {
    @Property(tries = 3000)
    void fieldsAreWhatSplitGave(@ForAll("statLines") String line) {
        ProcStat expected;
        try {
            expected = withSplit(line);
        } catch (ArrayIndexOutOfBoundsException e) {
            // split gave no field at all (only spaces after the name): the old parse failed there
            Assume.that(false);
            return;
        }
        assertThat(ProcStat.parse(line)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> statLines() {
        Arbitrary<String> name = Arbitraries.strings().withChars("ab ()").ofMaxLength(6);
        Arbitrary<String> rest = Arbitraries.strings().withChars("  01Z9\n-x").ofMaxLength(80);
        Arbitrary<String> real = Arbitraries.integers().between(0, 60).map(n -> {
            StringBuilder b = new StringBuilder("S");
            for (int i = 1; i < n; i++) {
                b.append(' ').append(i % 7 == 0 ? "" : Integer.toString(i * 1000));
            }
            return b.append('\n').toString();
        });
        return Arbitraries.oneOf(
                rest.map(r -> "1234 (x) " + r),
                name.flatMap(n -> real.map(r -> "42 (" + n + ") " + r)),
                rest);
    }

    /** The parse as it was: split on single spaces, trailing empty fields dropped. */
    private static ProcStat withSplit(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String command = open >= 0 && close > open
                ? new String(stat.substring(open + 1, close).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                : "?";
        if (close < 0 || close + 2 >= stat.length()) {
            return new ProcStat(command, '?', 0, "", 0);
        }
        String[] f = stat.substring(close + 2).split(" ");
        return new ProcStat(command, f[0].isEmpty() ? '?' : f[0].charAt(0), field(f, 9), f.length > 19 ? f[19].strip() : "",
                field(f, 23));
    }

    private static long field(String[] afterName, int n) {
        int i = n - 3;
        try {
            return afterName.length > i ? Long.parseUnsignedLong(afterName[i].strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
