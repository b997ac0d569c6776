package org.elfmap.loader;

/** Pages {@code [start, end)} of a layout, relative to its base; empty when {@code end <= start}. */
record PageRange(long start, long end) {
    static final PageRange NONE = new PageRange(0, 0);
}
