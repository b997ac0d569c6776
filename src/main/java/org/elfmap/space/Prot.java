package org.elfmap.space;

/** Memory protection of a mapping, spelled {@code r-x} as in {@code /proc/PID/maps}. */
public record Prot(boolean read, boolean write, boolean exec) {
    public static final Prot NONE = new Prot(false, false, false);
    public static final Prot R = new Prot(true, false, false);
    public static final Prot RW = new Prot(true, true, false);
    public static final Prot RWX = new Prot(true, true, true);

    // Written out rather than generated: a record's generated equals/hashCode is bootstrapped by
    // invokedynamic (ObjectMethods) on first use, which AOT caches do not store; the first one in a
    // run costs ~10-20 ms of start-up (README "Performance").
    @Override
    public boolean equals(Object o) {
        return o instanceof Prot p && p.bits() == bits();
    }

    @Override
    public int hashCode() {
        return bits();
    }

    /** From ELF {@code p_flags} (PF_R=4, PF_W=2, PF_X=1). */
    public static Prot ofElfFlags(int flags) {
        return new Prot((flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0);
    }

    /** The {@code rwx} bits (r=4, w=2, x=1) of three characters at {@code at}, or -1 if they are not {@code [r-][w-][x-]}. */
    static int bits(CharSequence s, int at) {
        char r = s.charAt(at);
        char w = s.charAt(at + 1);
        char x = s.charAt(at + 2);
        if ((r != 'r' && r != '-') || (w != 'w' && w != '-') || (x != 'x' && x != '-')) {
            return -1;
        }
        return (r == 'r' ? 4 : 0) | (w == 'w' ? 2 : 0) | (x == 'x' ? 1 : 0);
    }

    /** r=4, w=2, x=1. */
    public int bits() {
        return (read ? 4 : 0) | (write ? 2 : 0) | (exec ? 1 : 0);
    }

    public boolean none() {
        return !read && !write && !exec;
    }

    public Prot withWrite() {
        return new Prot(read, true, exec);
    }

    @Override
    public String toString() {
        return (read ? "r" : "-") + (write ? "w" : "-") + (exec ? "x" : "-");
    }
}
