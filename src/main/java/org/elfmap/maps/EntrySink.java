package org.elfmap.maps;

import org.elfmap.space.Usage;

/** Where a parser puts what it reads, one entry at a time (captures are streamed, never held). */
public interface EntrySink {
    void entry(MapsEntry e);

    /** Whole-process totals, from formats that have them instead of entries ({@code smaps_rollup}). */
    default void rollup(Usage totals) {
        throw new IllegalStateException("this reader does not take whole-process totals");
    }
}
