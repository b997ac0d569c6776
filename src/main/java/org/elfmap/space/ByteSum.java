package org.elfmap.space;

import org.elfmap.BadInputException;

/**
 * Sums of sizes in bytes, checked: no real address space comes near 2^63 bytes (the parsers bound
 * each entry and each map by 2^57), so a sum that overflows a long can only come from input that
 * is not what it claims to be, and is refused as such rather than shown as a negative size.
 */
public final class ByteSum {
    private ByteSum() {
    }

    public static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new BadInputException("", "sizes add up to more than 2^63 bytes: not a real address space");
        }
    }
}
