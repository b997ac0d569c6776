package org.elfmap.loader;

/** Memory protection of a mapping, spelled {@code r-x} as in {@code /proc/PID/maps}. */
public record Prot(boolean read, boolean write, boolean exec) {
    public static final Prot NONE = new Prot(false, false, false);
    public static final Prot R = new Prot(true, false, false);
    public static final Prot RW = new Prot(true, true, false);

    /** From ELF {@code p_flags} (PF_R=4, PF_W=2, PF_X=1). */
    public static Prot ofElfFlags(int flags) {
        return new Prot((flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0);
    }

    /** Parses the first three characters of {@code r-xp}/{@code rwx}; anything else is not a prot. */
    public static Prot parse(CharSequence s) {
        if (s.length() < 3) {
            throw new IllegalArgumentException("protection '" + s + "' is shorter than 3 characters");
        }
        return new Prot(flag(s.charAt(0), 'r'), flag(s.charAt(1), 'w'), flag(s.charAt(2), 'x'));
    }

    private static boolean flag(char c, char yes) {
        if (c == yes) {
            return true;
        }
        if (c == '-') {
            return false;
        }
        throw new IllegalArgumentException("'" + c + "' is neither '" + yes + "' nor '-'");
    }

    public Prot withWrite() {
        return new Prot(read, true, exec);
    }

    @Override
    public String toString() {
        return (read ? "r" : "-") + (write ? "w" : "-") + (exec ? "x" : "-");
    }
}
