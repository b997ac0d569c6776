package org.elfmap.maps;

/**
 * Protection strings as the formats print them, validated and shared: a capture's million
 * entries hold references to a handful of constant strings, not a million copies.
 */
final class Perms {
    private static final String[] LINUX = new String[16];
    private static final String[] BSD = new String[8];

    static {
        for (int i = 0; i < 16; i++) {
            String p = bits(i >> 1) + ((i & 1) != 0 ? "s" : "p");
            LINUX[i] = p;
        }
        for (int i = 0; i < 8; i++) {
            BSD[i] = bits(i);
        }
    }

    private Perms() {
    }

    private static String bits(int rwx) {
        return ((rwx & 4) != 0 ? "r" : "-") + ((rwx & 2) != 0 ? "w" : "-") + ((rwx & 1) != 0 ? "x" : "-");
    }

    /** {@code r-xp} at {@code [from, to)}, or null if it is not one. */
    static String linux(String s, int from, int to) {
        if (to - from != 4) {
            return null;
        }
        int rwx = rwx(s, from);
        char ps = s.charAt(from + 3);
        if (rwx < 0 || (ps != 'p' && ps != 's')) {
            return null;
        }
        return LINUX[(rwx << 1) | (ps == 's' ? 1 : 0)];
    }

    /** {@code r-x} as FreeBSD prints it, or null. */
    static String bsd(String s) {
        if (s.length() != 3) {
            return null;
        }
        int rwx = rwx(s, 0);
        return rwx < 0 ? null : BSD[rwx];
    }

    private static int rwx(String s, int at) {
        int v = 0;
        char r = s.charAt(at);
        char w = s.charAt(at + 1);
        char x = s.charAt(at + 2);
        if ((r != 'r' && r != '-') || (w != 'w' && w != '-') || (x != 'x' && x != '-')) {
            return -1;
        }
        if (r == 'r') {
            v |= 4;
        }
        if (w == 'w') {
            v |= 2;
        }
        if (x == 'x') {
            v |= 1;
        }
        return v;
    }
}
