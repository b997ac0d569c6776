package org.elfmap.maps;

import org.elfmap.BadInputException;

/**
 * Every format lists entries in ascending, non-overlapping address order (the kernels walk their
 * sorted map); attribution relies on it, so an input that breaks it is rejected where it breaks.
 * And no process has more than 2^57 bytes of address space (x86-64 with 5-level paging; arm64's
 * 52-bit VA is less): an entry or a map larger than that is not a capture, and would overflow
 * the sums of VSZ (found by MapsFuzzTest: an entry from 0 to 0xffffffffffffffff).
 */
final class Order {
    static final long MAX_SPACE = 1L << 57;
    private final String where;
    private long lastEnd;
    private long total;
    private boolean any;

    Order(String where) {
        this.where = where;
    }

    void check(MapsEntry e) {
        if (any && Long.compareUnsigned(e.start(), lastEnd) < 0) {
            throw new BadInputException(where + ":" + e.line(), String.format(
                    "entry 0x%x-0x%x starts below the end of the previous entry (0x%x): entries must be in"
                            + " ascending address order without overlap", e.start(), e.end(), lastEnd));
        }
        long length = e.end() - e.start();
        if (Long.compareUnsigned(length, MAX_SPACE) > 0 || (total += length) > MAX_SPACE) {
            throw new BadInputException(where + ":" + e.line(), String.format(
                    "entry 0x%x-0x%x makes the map larger than any process's address space (2^57 bytes)",
                    e.start(), e.end()));
        }
        any = true;
        lastEnd = e.end();
    }
}
