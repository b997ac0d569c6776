package org.elfmap.space;

/** Memory a mapping uses, when the input says (smaps): resident, proportional, swapped, in bytes. */
public record Usage(long rssBytes, long pssBytes, long swapBytes) {
    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage plus(Usage o) {
        return new Usage(ByteSum.add(rssBytes, o.rssBytes), ByteSum.add(pssBytes, o.pssBytes),
                ByteSum.add(swapBytes, o.swapBytes));
    }
}
