package org.elfmap.maps;

import org.elfmap.BadInputException;

/**
 * Every format lists entries in ascending, non-overlapping address order (the kernels walk their
 * sorted map); attribution relies on it, so an input that breaks it is rejected where it breaks.
 */
final class Order {
    private final String where;
    private long lastEnd;
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
        any = true;
        lastEnd = e.end();
    }
}
