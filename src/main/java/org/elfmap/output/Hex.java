package org.elfmap.output;

/** Addresses and offsets as the contract writes them: lowercase hex with {@code 0x}. */
public final class Hex {
    private Hex() {
    }

    public static String of(long v) {
        return "0x" + Long.toHexString(v);
    }
}
