package org.elfmap.space;

/** Memory a mapping uses, when the input says (smaps): resident, proportional, swapped, in bytes. */
public record Usage(long rssBytes, long pssBytes, long swapBytes) {
    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage plus(Usage o) {
        return new Usage(rssBytes + o.rssBytes, pssBytes + o.pssBytes, swapBytes + o.swapBytes);
    }
}
