package org.elfmap.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.loader.LoadSegment;
import org.elfmap.space.PageSize;

/**
 * Where each PT_LOAD of a file puts its pages, whatever the loader: relative to the load base,
 * the file part {@code [mapStart, mapEnd)}, the bss pages {@code [mapEnd, ru(allocEnd))}, and
 * between them gaps. Later segments win where pages overlap, as a later {@code MAP_FIXED} does.
 * {@code explain} cuts observed entries at these boundaries to give each part its segment and kind.
 */
final class Geometry {
    /** What a range of pages is, by the file's headers alone. */
    enum Zone { FILE, BSS, GAP, OUTSIDE }

    /** A piece of {@code [from, to)} (relative addresses) lying in one zone of one segment. */
    record Piece(long from, long to, Zone zone, Optional<LoadSegment> segment) {
    }

    private final ElfFile elf;
    private final PageSize page;
    private final List<LoadSegment> loads;
    private final TreeMap<Long, Piece> zones = new TreeMap<>();
    private final long lo;
    private final long hi;
    private final long relroStart;
    private final long relroEnd;

    Geometry(ElfFile elf, PageSize page) {
        this.elf = elf;
        this.page = page;
        this.loads = LoadSegment.of(elf, page);
        long l = Long.MAX_VALUE;
        long h = 0;
        for (LoadSegment s : loads) {
            l = Math.min(l, s.mapStart());
            h = Math.max(h, s.allocPageEnd(page));
        }
        this.lo = loads.isEmpty() ? 0 : l;
        this.hi = loads.isEmpty() ? 0 : h;
        if (hi > lo) {
            paint(lo, hi, Zone.GAP, Optional.empty());
        }
        for (LoadSegment s : loads) {
            paint(s.mapStart(), s.mapEnd(), Zone.FILE, Optional.of(s));
            paint(s.mapEnd(), s.allocPageEnd(page), Zone.BSS, Optional.of(s));
        }
        Optional<ProgramHeader> relro = elf.first(ProgramHeader.PT_GNU_RELRO);
        this.relroStart = relro.map(r -> page.down(r.vaddr())).orElse(0L);
        this.relroEnd = relro.map(r -> page.down(r.vaddr() + r.memsz())).orElse(0L);
    }

    ElfFile elf() {
        return elf;
    }

    /**
     * The file offset of the image's lowest page, as the segments paint it ({@link #offsetOfAddress}
     * of {@link #lo}): where every loader starts an image (the kernel, glibc, musl, bionic and
     * FreeBSD's rtld all map the first PT_LOAD first, at the image's lowest address). Empty when
     * the lowest page holds no file contents.
     */
    OptionalLong imageStart() {
        return loads.isEmpty() ? OptionalLong.empty() : offsetOfAddress(lo);
    }

    PageSize page() {
        return page;
    }

    boolean isEmpty() {
        return loads.isEmpty();
    }

    /** Lowest page of the lowest segment, relative to the base. */
    long lo() {
        return lo;
    }

    /** End of the highest segment's pages (bss included), relative to the base. */
    long hi() {
        return hi;
    }

    boolean inRelro(long from, long to) {
        return relroEnd > relroStart && from >= relroStart && to <= relroEnd;
    }

    /**
     * The address (relative to the base) at which the file's byte {@code offset} is mapped, from
     * the PT_LOAD whose file pages hold it; empty when no segment maps that offset.
     */
    OptionalLong addressOfOffset(long offset) {
        for (LoadSegment s : loads) {
            long len = s.mapEnd() - s.mapStart();
            if (offset >= s.fileOff() && offset < s.fileOff() + len) {
                return OptionalLong.of(s.mapStart() + (offset - s.fileOff()));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Whether some PT_LOAD maps the file at {@code delta} = file offset − relative address (its
     * {@code fileOff - mapStart}): a page mapped on from that segment, past its file pages, has it.
     */
    boolean mapsOn(long delta) {
        for (LoadSegment s : loads) {
            if (s.fileOff() - s.mapStart() == delta) {
                return true;
            }
        }
        return false;
    }

    /** The file offset that {@code rel} maps at, when it lies in a segment's file pages. */
    OptionalLong offsetOfAddress(long rel) {
        Map.Entry<Long, Piece> e = zones.floorEntry(rel);
        if (e == null || rel >= e.getValue().to() || e.getValue().zone() != Zone.FILE) {
            return OptionalLong.empty();
        }
        LoadSegment s = e.getValue().segment().get();
        return OptionalLong.of(s.fileOff() + (rel - s.mapStart()));
    }

    /** {@code [from, to)} cut at zone boundaries, in address order; parts outside the span are OUTSIDE. */
    List<Piece> cut(long from, long to) {
        List<Piece> out = new ArrayList<>();
        long at = from;
        while (at < to) {
            Map.Entry<Long, Piece> e = zones.floorEntry(at);
            if (e != null && at < e.getValue().to()) {
                Piece z = e.getValue();
                long end = Math.min(to, z.to());
                out.add(new Piece(at, end, z.zone(), z.segment()));
                at = end;
            } else {
                Long next = zones.ceilingKey(at);
                long end = next == null ? to : Math.min(to, next);
                if (end <= at) {
                    end = to;
                }
                out.add(new Piece(at, end, Zone.OUTSIDE, Optional.empty()));
                at = end;
            }
        }
        return out;
    }

    /** Paints {@code [from, to)} over whatever was there, as {@code mmap(MAP_FIXED)} replaces pages. */
    private void paint(long from, long to, Zone zone, Optional<LoadSegment> seg) {
        if (to <= from) {
            return;
        }
        Map.Entry<Long, Piece> before = zones.lowerEntry(from);
        if (before != null && before.getValue().to() > from) {
            Piece b = before.getValue();
            zones.put(b.from(), new Piece(b.from(), from, b.zone(), b.segment()));
            if (b.to() > to) {
                zones.put(to, new Piece(to, b.to(), b.zone(), b.segment()));
            }
        }
        for (Piece p : new ArrayList<>(zones.subMap(from, true, to, false).values())) {
            zones.remove(p.from());
            if (p.to() > to) {
                zones.put(to, new Piece(to, p.to(), p.zone(), p.segment()));
            }
        }
        zones.put(from, new Piece(from, to, zone, seg));
    }
}
