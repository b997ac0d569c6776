package org.elfmap.space;

/**
 * Protection and sharing of a mapping, the one spelling used everywhere: {@code r-xp} as Linux's
 * {@code /proc/PID/maps} prints it, {@code r-x} where the source states no sharing (FreeBSD's
 * procfs map and {@code procstat -v} have no such column). Instances are shared constants: a
 * capture's million entries hold references to a handful of values.
 */
public record Perms(Prot prot, Sharing sharing) {

    /** The fourth column of Linux's maps, or its absence. */
    public enum Sharing {
        PRIVATE("p"), SHARED("s"), UNSTATED("");

        private final String letter;

        Sharing(String letter) {
            this.letter = letter;
        }

        public String letter() {
            return letter;
        }
    }

    private static final Perms[] CACHE = new Perms[8 * 3];

    static {
        for (int rwx = 0; rwx < 8; rwx++) {
            Prot p = new Prot((rwx & 4) != 0, (rwx & 2) != 0, (rwx & 1) != 0);
            for (Sharing s : Sharing.values()) {
                CACHE[rwx * 3 + s.ordinal()] = new Perms(p, s);
            }
        }
    }

    /** The shared instance for {@code rwx} bits (r=4, w=2, x=1) and a sharing. */
    public static Perms of(int rwx, Sharing sharing) {
        return CACHE[(rwx & 7) * 3 + sharing.ordinal()];
    }

    /** A loader's mapping: always private ({@code MAP_PRIVATE}). */
    public static Perms privateOf(Prot prot) {
        return of(prot.bits(), Sharing.PRIVATE);
    }

    /**
     * Parses {@code r-xp}, {@code rw-s} or {@code r-x} at {@code [from, to)}; null when the text is
     * not one (callers turn that into their own message).
     */
    public static Perms parse(CharSequence s, int from, int to) {
        int n = to - from;
        if (n != 3 && n != 4) {
            return null;
        }
        int rwx = Prot.bits(s, from);
        if (rwx < 0) {
            return null;
        }
        if (n == 3) {
            return of(rwx, Sharing.UNSTATED);
        }
        char ps = s.charAt(from + 3);
        return ps == 'p' ? of(rwx, Sharing.PRIVATE) : ps == 's' ? of(rwx, Sharing.SHARED) : null;
    }

    // Written out rather than generated: a record's generated equals/hashCode is bootstrapped by
    // invokedynamic (ObjectMethods) on first use, which AOT caches do not store; the first one in a
    // run costs ~10-20 ms of start-up (README "Performance").
    @Override
    public boolean equals(Object o) {
        return o instanceof Perms p && p.prot.equals(prot) && p.sharing == sharing;
    }

    @Override
    public int hashCode() {
        return prot.bits() * 3 + sharing.ordinal();
    }

    /** True unless the source says shared: FreeBSD's formats count as private. */
    public boolean isPrivate() {
        return sharing != Sharing.SHARED;
    }

    @Override
    public String toString() {
        return prot + sharing.letter();
    }
}
