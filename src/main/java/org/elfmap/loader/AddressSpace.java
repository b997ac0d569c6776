package org.elfmap.loader;

import org.elfmap.space.Prot;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.RegionNote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A tiny model of a process's virtual memory, driven by the same calls the loaders make:
 * {@code mmap(MAP_FIXED)} replaces whatever was there, {@code mprotect} splits entries and
 * changes their protection. Each loader model is then a literal
 * transcription of its loader's sequence of system calls.
 */
final class AddressSpace {
    private final TreeMap<Long, Mapping> entries = new TreeMap<>();

    /** {@code mmap(start, end - start, prot, MAP_FIXED, ...)}: replaces what was in the range. */
    void map(Mapping m) {
        carve(m.start(), m.end());
        entries.put(m.start(), m);
    }

    void mapFile(long start, long end, Prot prot, long fileOffset, Kind kind, int segment) {
        mapFile(start, end, prot, fileOffset, kind, segment, Optional.empty());
    }

    void mapFile(long start, long end, Prot prot, long fileOffset, Kind kind, int segment, RegionNote note) {
        mapFile(start, end, prot, fileOffset, kind, segment, Optional.of(note));
    }

    private void mapFile(long start, long end, Prot prot, long fileOffset, Kind kind, int segment,
                         Optional<RegionNote> note) {
        if (end > start) {
            map(new Mapping(start, end, prot, kind, Backing.FILE, OptionalLong.of(fileOffset),
                    OptionalInt.of(segment), note));
        }
    }

    void mapAnon(long start, long end, Prot prot, Kind kind, int segment) {
        mapAnon(start, end, prot, kind, OptionalInt.of(segment), Optional.empty());
    }

    void mapAnon(long start, long end, Prot prot, Kind kind, int segment, RegionNote note) {
        mapAnon(start, end, prot, kind, OptionalInt.of(segment), Optional.of(note));
    }

    /** Anonymous memory that belongs to no one segment (a reservation the loader fills in itself). */
    void mapAnon(long start, long end, Prot prot, Kind kind, RegionNote note) {
        mapAnon(start, end, prot, kind, OptionalInt.empty(), Optional.of(note));
    }

    private void mapAnon(long start, long end, Prot prot, Kind kind, OptionalInt segment, Optional<RegionNote> note) {
        if (end > start) {
            map(new Mapping(start, end, prot, kind, Backing.ANON, OptionalLong.empty(), segment, note));
        }
    }

    /** A loader's reservation of the span before it maps segments into it: anonymous or a guard. */
    void reserve(long start, long end, Backing backing, RegionNote.Holder holder) {
        if (end > start) {
            map(new Mapping(start, end, Prot.NONE, Kind.GAP, backing, OptionalLong.empty(), OptionalInt.empty(),
                    Optional.of(new RegionNote.Gap(holder))));
        }
    }

    /** {@code mprotect}: the entries in the range get {@code prot}; entries are split at the edges. */
    void protect(long start, long end, Prot prot) {
        update(start, end, m -> m.with(prot));
    }

    /** Changes what the pages in the range are called, without any system call behind it. */
    void relabel(long start, long end, UnaryOperator<Mapping> change) {
        update(start, end, change);
    }

    /**
     * Whether any entry meets {@code [start, end)}: the test {@code vm_map_insert} makes under
     * {@code MAP_CHECK_EXCL}. Entries never overlap, so only the one starting at or before
     * {@code start} and the first one after it need looking at.
     */
    boolean occupied(long start, long end) {
        if (end <= start) {
            return false;
        }
        Map.Entry<Long, Mapping> before = entries.floorEntry(start);
        if (before != null && before.getValue().end() > start) {
            return true;
        }
        Long after = entries.higherKey(start);
        return after != null && after < end;
    }

    private void update(long start, long end, UnaryOperator<Mapping> change) {
        if (end <= start) {
            return;
        }
        for (Mapping m : carve(start, end)) {
            entries.put(m.start(), change.apply(m));
        }
    }

    /** Removes {@code [start, end)} from every entry, keeping the outside parts; returns the inside parts. */
    private List<Mapping> carve(long start, long end) {
        List<Mapping> inside = new ArrayList<>();
        Map.Entry<Long, Mapping> before = entries.lowerEntry(start);
        Long from = before != null && before.getValue().end() > start ? before.getKey() : Long.valueOf(start);
        for (Mapping m : new ArrayList<>(entries.subMap(from, true, end, false).values())) {
            entries.remove(m.start());
            if (m.start() < start) {
                entries.put(m.start(), m.slice(m.start(), start));
            }
            if (m.end() > end) {
                entries.put(end, m.slice(end, m.end()));
            }
            long s = Math.max(m.start(), start);
            long e = Math.min(m.end(), end);
            if (e > s) {
                inside.add(m.slice(s, e));
            }
        }
        return inside;
    }

    List<Mapping> mappings() {
        return List.copyOf(entries.values());
    }
}
