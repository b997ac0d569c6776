package org.elfmap.loader;

import org.elfmap.BadInputException;

/**
 * A C library's release, {@code major.minor} ({@code 2.36}, {@code 1.2}): loader rules change
 * between releases (glibc 2.35 dropped its {@code p_align} checks, 2.36 added the hole check).
 */
public record LibcVersion(int major, int minor) implements Comparable<LibcVersion> {

    /** {@code 2.36}, {@code 2.36.1} or {@code 1.2.3}: the first two numbers count. */
    public static LibcVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        try {
            if (parts.length >= 2) {
                return new LibcVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadInputException("version", "'" + text + "' is not a C library version such as 2.36");
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new LibcVersion(major, minor)) >= 0;
    }

    @Override
    public int compareTo(LibcVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
