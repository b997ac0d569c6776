package org.elfmap.output;

/** Byte counts for people: {@code 1.9 MiB}. JSON always carries the exact integer. */
public final class Sizes {
    private Sizes() {
    }

    public static String human(long bytes) {
        long abs = Math.abs(bytes);
        if (abs < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (Math.abs(v) >= 100 ? String.format("%.0f", v) : String.format("%.1f", v)) + " " + units[u];
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
