package org.elfmap.space;

/** Memory a mapping uses, when the input says (smaps): resident, proportional, swapped, in bytes. */
public record Usage(long rssBytes, long pssBytes, long swapBytes) {
    public static final Usage ZERO = new Usage(0, 0, 0);

    // Written out rather than generated: a record's generated equals/hashCode is bootstrapped by
    // invokedynamic (ObjectMethods) on first use, which AOT caches do not store; the first one in a
    // run costs ~10-20 ms of start-up (README "Performance").
    @Override
    public boolean equals(Object o) {
        return o instanceof Usage u && u.rssBytes == rssBytes && u.pssBytes == pssBytes && u.swapBytes == swapBytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rssBytes) * 961 + Long.hashCode(pssBytes) * 31 + Long.hashCode(swapBytes);
    }

    public Usage plus(Usage o) {
        return new Usage(ByteSum.add(rssBytes, o.rssBytes), ByteSum.add(pssBytes, o.pssBytes),
                ByteSum.add(swapBytes, o.swapBytes));
    }
}
