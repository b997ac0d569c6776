package org.elfmap.explain;

import org.elfmap.space.Folded;
import org.elfmap.space.Region;
import org.elfmap.space.ObjectImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elfmap.maps.MapsEntry;

/**
 * Memory that belongs to no ELF object, gathered under one name ({@code [heap]}, {@code [anon]},
 * a mapped data file...) wherever its entries lie. Lists its regions up to {@code maxListed};
 * beyond that it only counts them, so a capture with a million anonymous entries needs memory for
 * the totals, not for a million records.
 */
final class PseudoObjectBuilder implements ObjectBuilder {
    private final String name;
    private final String identity;
    private final int maxListed;
    private final List<Region> regions = new ArrayList<>();
    private final Folded.Builder folded = new Folded.Builder();
    private long first = -1;

    PseudoObjectBuilder(String name, String identity, int maxListed) {
        this.name = name;
        this.identity = identity;
        this.maxListed = maxListed;
    }

    @Override
    public long firstStart() {
        return first;
    }

    @Override
    public boolean takes(MapsEntry e) {
        return false; // placed by name, not by position
    }

    @Override
    public boolean openAt(long address) {
        return true;
    }

    @Override
    public List<Region> add(MapsEntry e) {
        return add(e, Pseudo.of(e));
    }

    /** Adds an entry whose {@link Pseudo} the caller has already worked out. */
    List<Region> add(MapsEntry e, Pseudo p) {
        Region r = new Region(e.start(), e.end(), e.perms(), e.isFile() ? e.offset() : OptionalLong.empty(), p.kind(),
                OptionalInt.empty(), e.backing(), e.usage(), p.note());
        add(r);
        return List.of();
    }

    /** Adds a region cut from another object's entry (the anonymous memory after a bss). */
    void add(Region r) {
        if (first < 0 || Long.compareUnsigned(r.start(), first) < 0) {
            first = r.start();
        }
        if (regions.size() < maxListed) {
            regions.add(r);
        } else {
            folded.add(r);
        }
    }

    @Override
    public ObjectImage build(Predictor predictor) {
        // parts handed back by an object when it closes come after entries placed meanwhile
        regions.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        return new ObjectImage(name, ObjectAssembler.fileName(name), identity, OptionalLong.empty(), regions,
                folded.build(), Optional.empty());
    }
}
