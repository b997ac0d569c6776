package org.elfmap.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SizesTest {
    /**
     * What Sizes.human printed when it used the Formatter ({@code %.1f} of a double): the same
     * except where the double's shortest decimal lies across a half from the exact value (a
     * PiB-sized count one byte below x.x5 PiB), where the exact reference below is right.
     */
    private static String byFormatter(long bytes) {
        if (Math.abs(bytes) < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v) + " " + units[u];
    }

    @Property(tries = 5000)
    void humanSizesAreExact(@ForAll long bytes) {
        assertThat(Sizes.human(bytes)).isEqualTo(exact(bytes));
    }

    /**
     * Below 2^40 bytes a count's distance from a half is at least 2^-30 of a unit, far above a
     * double's precision there, so the Formatter's answer was exact too: the text did not change.
     */
    @Property(tries = 5000)
    void humanSizesAreWhatTheFormatterWrote(@ForAll @LongRange(min = -(1L << 40), max = 1L << 40) long bytes) {
        assertThat(Sizes.human(bytes)).isEqualTo(byFormatter(bytes));
    }

    /** Exact: the count over the unit as a decimal, rounded half up. */
    private static String exact(long bytes) {
        if (bytes > -1024 && bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        BigDecimal v = BigDecimal.valueOf(bytes);
        BigDecimal k = BigDecimal.valueOf(1024);
        int u = -1;
        while (v.abs().compareTo(k) >= 0 && u < units.length - 1) {
            v = v.divide(k);
            u++;
        }
        return v.setScale(v.abs().compareTo(BigDecimal.valueOf(100)) >= 0 ? 0 : 1, RoundingMode.HALF_UP).toPlainString()
                + " " + units[u];
    }

    @Property(tries = 2000)
    void roundingBoundariesAreExact(@ForAll @LongRange(min = 1, max = 1L << 20) long k,
            @ForAll @LongRange(min = 0, max = 4) int shift) {
        // counts near a .x5 boundary of some unit: k/20 of a unit, give or take a byte
        long unit = 1024L << (10 * shift);
        long at = k * (unit / 20);
        for (long b = at - 1; b <= at + 1; b++) {
            assertThat(Sizes.human(b)).isEqualTo(exact(b));
            assertThat(Sizes.human(-b)).isEqualTo(exact(-b));
        }
    }

    @Property(tries = 5000)
    void percentagesAreWhatTheFormatterWrote(@ForAll @net.jqwik.api.constraints.DoubleRange(min = -1e9, max = 1e9) double v) {
        String formatted = String.format(Locale.ROOT, "%.0f", v);
        assertThat(Sizes.percent(v)).isEqualTo(formatted.equals("-0") ? "0" : formatted);
    }

    @Test
    void examples() {
        assertThat(Sizes.percent(12.5)).isEqualTo("13");
        assertThat(Sizes.percent(-12.5)).isEqualTo("-13");
        assertThat(Sizes.percent(-0.4)).isEqualTo("0");
        assertThat(Sizes.human(0)).isEqualTo("0 B");
        assertThat(Sizes.human(1023)).isEqualTo("1023 B");
        assertThat(Sizes.human(1024)).isEqualTo("1.0 KiB");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.human(1024L * 1024 * 1024 * 1024 * 1024 * 2048)).isEqualTo("2048 PiB");
        assertThat(Sizes.human(-1997000)).isEqualTo("-1.9 MiB");
        assertThat(Sizes.human(Long.MAX_VALUE)).isEqualTo("8192 PiB");
        assertThat(Sizes.human(Long.MIN_VALUE)).isEqualTo("-8192 PiB");
    }
}
