package org.elfmap.explain;

import org.elfmap.space.Usage;
import org.elfmap.space.KindTotal;

import java.util.Map;
import org.elfmap.space.Kind;

/**
 * A file mapped by one or more processes, summed over all of them: what it costs the machine.
 * PSS adds up to the object's real share of memory; VSZ and gap count once per process that maps
 * it (each process reserves its own address space).
 *
 * @param identity {@code dev:inode} as the maps line gives it
 * @param processes how many processes map it
 */
public record SharedObjectCost(String path, String identity, int processes, long vszBytes, Usage usage,
                               Map<Kind, KindTotal> byKind) {

    public SharedObjectCost {
        byKind = KindTotal.copyOf(byKind);
    }

    public long gapBytes() {
        return byKind.getOrDefault(Kind.GAP, KindTotal.ZERO).vszBytes();
    }
}
