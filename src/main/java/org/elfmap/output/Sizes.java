package org.elfmap.output;

/** Byte counts for people: {@code 1.9 MiB}. JSON always carries the exact integer. */
public final class Sizes {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private Sizes() {
    }

    /**
     * The largest binary unit under which {@code bytes} is at least 1, with one decimal below 100
     * and none above, rounded half up ({@code %.1f}'s rule) and written with a dot whatever the
     * locale. By integer arithmetic rather than {@code String.format} or {@code BigDecimal}: their
     * first use costs a cold JVM 5-10 ms, more than the rest of {@code layout /bin/ls} (README
     * "Performance").
     */
    public static String human(long bytes) {
        long abs = bytes == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(bytes); // one byte less: the same words
        if (abs < 1024) {
            return bytes + " B";
        }
        int u = 0;
        long unit = 1024;
        while (abs / unit >= 1024 && u < UNITS.length - 1) {
            unit <<= 10;
            u++;
        }
        String sign = bytes < 0 ? "-" : "";
        long whole = abs / unit;
        long rest = abs % unit; // below 2^50: times 20 stays in a long
        if (whole >= 100) {
            return sign + (whole + (rest * 2 >= unit ? 1 : 0)) + " " + UNITS[u];
        }
        long tenths = whole * 10 + rest * 10 / unit + ((rest * 10 % unit) * 2 >= unit ? 1 : 0);
        return sign + tenths / 10 + "." + tenths % 10 + " " + UNITS[u];
    }

    /**
     * A percentage rounded to a whole number, half away from zero ({@code %.0f}'s rule), without
     * the Formatter (see {@link #human}).
     */
    public static String percent(double v) {
        long r = Math.round(Math.abs(v));
        return (v < 0 && r != 0 ? "-" : "") + r;
    }

    /**
     * KiB, as ps and the seed's table count VSZ: whole KiB, rounded down (the kernel's own rule for
     * the kB of smaps). The one rounding every KiB figure elfmap prints follows.
     */
    public static String kib(long bytes) {
        return Long.toString(bytes / 1024);
    }

    /** {@link #kib} with its unit: {@code 64 KiB}. */
    public static String kibWithUnit(long bytes) {
        return kib(bytes) + " KiB";
    }
}
