package org.elfmap.explain;

import org.elfmap.space.Usage;
import org.elfmap.space.Folded;
import org.elfmap.space.Region;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.loader.LoadSegment;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.maps.MapsEntry;

/**
 * An ELF object whose file could be read: every entry within its span is cut at the segments'
 * boundaries ({@link Geometry}), and each part gets the segment it comes from and its kind.
 * Observation refines the kind where the headers alone cannot say: a writable segment's pages
 * seen read-only are RELRO; a read-only segment's last, partial file page seen as an entry of its
 * own is a zeroed tail; anonymous memory past the bss is someone else's and is handed back.
 */
final class ElfObjectBuilder implements ObjectBuilder {
    private final String path;
    private final String identity;
    private final String key;
    private final ElfFile elf;
    private final Geometry geo;
    private final long base;
    private final List<Region> regions = new ArrayList<>();
    private final List<MapsEntry> observed = new ArrayList<>();

    ElfObjectBuilder(String path, String identity, String key, FileCache.Lookup.ElfObject file, long base) {
        this.path = path;
        this.identity = identity;
        this.key = key;
        this.elf = file.elf();
        this.geo = file.geometry();
        this.base = base;
    }

    /**
     * The load base that puts {@code first}, the object's first entry, where its file offset says
     * (or, without offsets, at the lowest segment); empty when the file on disk cannot have been
     * what was mapped there.
     */
    static Optional<Long> base(MapsEntry first, Geometry geo) {
        OptionalLong rel = first.offset().isPresent() ? geo.addressOfOffset(first.offset().getAsLong())
                : OptionalLong.of(geo.lo());
        if (rel.isEmpty()) {
            return Optional.empty();
        }
        long b = first.start() - rel.getAsLong();
        if (!geo.page().aligned(b)) {
            return Optional.empty();
        }
        if (geo.elf().header().type() == org.elfmap.elf.ElfHeader.ET_EXEC && b != 0) {
            return Optional.empty();
        }
        return Optional.of(b);
    }

    String key() {
        return key;
    }

    @Override
    public long firstStart() {
        return base + geo.lo();
    }

    private long spanEnd() {
        return base + geo.hi();
    }

    @Override
    public boolean openAt(long address) {
        return Long.compareUnsigned(address, spanEnd()) < 0;
    }

    @Override
    public boolean takes(MapsEntry e) {
        boolean inSpan = Long.compareUnsigned(e.start(), firstStart()) >= 0 && openAt(e.start());
        if (!inSpan) {
            return false;
        }
        return e.isFile() ? key.equals(ObjectAssembler.key(e)) : true;
    }

    @Override
    public List<Region> add(MapsEntry e) {
        List<Geometry.Piece> pieces = geo.cut(e.start() - base, e.end() - base);
        int n = pieces.size();
        long[] lengths = new long[n];
        boolean[] untouched = new boolean[n];
        boolean[] ours = new boolean[n];
        for (int i = 0; i < n; i++) {
            Geometry.Piece p = pieces.get(i);
            lengths[i] = p.to() - p.from();
            ours[i] = e.isFile() || p.zone() == Geometry.Zone.BSS || p.zone() == Geometry.Zone.FILE
                    || (p.zone() == Geometry.Zone.GAP && !prot(e).read() && !prot(e).write());
            untouched[i] = ours[i] && (p.zone() == Geometry.Zone.GAP || (e.isFile() && p.zone() == Geometry.Zone.OUTSIDE));
        }
        List<Optional<Usage>> shares = Apportion.split(e.usage(), lengths, untouched, geo.page());
        List<Region> rest = new ArrayList<>();
        long takenFrom = -1;
        long takenTo = -1;
        boolean merged = false;
        for (int i = 0; i < n; i++) {
            merged |= !ours[i];
        }
        for (int i = 0; i < n; i++) {
            Geometry.Piece p = pieces.get(i);
            long from = base + p.from();
            long to = base + p.to();
            OptionalLong off = e.offset().isPresent() && e.isFile()
                    ? OptionalLong.of(e.offset().getAsLong() + (from - e.start())) : OptionalLong.empty();
            if (!ours[i]) {
                Pseudo ps = Pseudo.of(e);
                rest.add(new Region(from, to, e.perms(), off, ps.object().equals("[anon]") ? Kind.ANON : ps.kind(),
                        OptionalInt.empty(), e.backing(), shares.get(i), ""));
                continue;
            }
            if (takenFrom < 0) {
                takenFrom = from;
            }
            takenTo = to;
            Region r = region(e, p, from, to, off, shares.get(i), merged);
            regions.add(r);
        }
        if (takenFrom >= 0) {
            observed.add(takenFrom == e.start() && takenTo == e.end() && e.isFile() ? e : slice(e, takenFrom, takenTo));
        }
        return rest;
    }

    private Region region(MapsEntry e, Geometry.Piece p, long from, long to, OptionalLong off, Optional<Usage> usage,
                          boolean merged) {
        OptionalInt seg = p.segment().map(s -> OptionalInt.of(s.index())).orElse(OptionalInt.empty());
        Kind kind;
        String what = "";
        Prot seen = prot(e);
        switch (p.zone()) {
            case FILE -> {
                LoadSegment s = p.segment().get();
                kind = s.kind();
                if (s.prot().write() && !seen.write() && e.isFile()) {
                    kind = geo.inRelro(p.from(), p.to()) ? Kind.RELRO : Kind.DATA;
                    if (kind == Kind.DATA) {
                        what = "pages of a writable segment seen read-only, outside PT_GNU_RELRO";
                    }
                } else if (isZeroedTail(e, s)) {
                    kind = Kind.ZEROED_TAIL;
                    what = "the last page of " + s.kind() + " (segment " + s.index() + "), made writable to zero the"
                            + " bytes after p_filesz and protected again: now a private copy";
                } else if (!e.isFile()) {
                    what = "anonymous memory holding the segment's last file page (the kernel copied it in with the"
                            + " start of the bss)";
                } else if (s.prot().write() != seen.write() || s.prot().exec() != seen.exec()) {
                    what = "protection " + seen + " differs from the segment's " + s.prot();
                }
            }
            case BSS -> {
                kind = Kind.BSS;
                LoadSegment s = p.segment().get();
                if (e.isFile()) {
                    what = "bss pages mapped from the file, not from zero pages (musl does this for read-only"
                            + " segments)";
                } else if (merged) {
                    what = "bss of segment " + s.index() + "; the kernel merged it with neighbouring anonymous memory,"
                            + " listed apart as anon";
                }
            }
            case GAP -> {
                kind = Kind.GAP;
                what = gapWords(e, p);
            }
            default -> {
                kind = Kind.GAP;
                what = "file pages past the last segment, mapped because the loader's first mapping covers the whole"
                        + " span plus the first segment's file offset";
            }
        }
        Region r = new Region(from, to, e.perms(), off, kind, seg, e.backing(), usage, "");
        if (what.isEmpty() && kind != Kind.GAP) {
            return r;
        }
        return r.withNote(what + ": " + Costs.of(r, e, geo.page()));
    }

    private String gapWords(MapsEntry e, Geometry.Piece p) {
        String between = "the address space between " + neighbour(p.from() - 1) + " and " + neighbour(p.to());
        Prot seen = prot(e);
        if (e.backing() == Backing.GUARD) {
            return between + " that the loader holds with a MAP_GUARD reservation";
        }
        if (!e.isFile()) {
            return between + " that the loader reserved as PROT_NONE anonymous memory";
        }
        if (!seen.read() && !seen.write() && !seen.exec()) {
            return between + " that the loader reserved from the file and made PROT_NONE";
        }
        LoadSegment first = firstSegment();
        String whose = seen.equals(first.prot()) ? first.kind() + "'s" : seen.toString();
        return between + " that the loader reserved from the file with " + whose + " protection";
    }

    /** Kind of the segment whose pages hold relative address {@code rel}, in words. */
    private String neighbour(long rel) {
        for (Geometry.Piece q : geo.cut(rel, rel + 1)) {
            if (q.segment().isPresent()) {
                return q.zone() == Geometry.Zone.BSS ? "bss" : q.segment().get().kind().label();
            }
        }
        return "the segments";
    }

    private LoadSegment firstSegment() {
        LoadSegment low = null;
        for (LoadSegment s : LoadSegment.of(elf, geo.page())) {
            if (low == null || s.mapStart() < low.mapStart()) {
                low = s;
            }
        }
        return low;
    }

    /**
     * A read-only segment's last file page, partial, as an entry of its own: the loader made it
     * writable to clear the bytes past {@code p_filesz}, which gave it a private copy (FreeBSD
     * rtld always; glibc when a bss follows). A one-page segment is its own entry anyway, so only
     * a page split off a longer segment counts.
     */
    private boolean isZeroedTail(MapsEntry e, LoadSegment s) {
        PageSize page = geo.page();
        if (s.prot().write() || page.aligned(s.dataEnd()) || s.mapEnd() - s.mapStart() <= page.bytes()) {
            return false;
        }
        long tail = base + page.down(s.dataEnd());
        return e.start() == tail && e.end() == tail + page.bytes();
    }


    private static Prot prot(MapsEntry e) {
        return e.prot();
    }

    static MapsEntry slice(MapsEntry e, long from, long to) {
        OptionalLong off = e.offset().isPresent() ? OptionalLong.of(e.offset().getAsLong() + (from - e.start()))
                : e.offset();
        // anonymous pieces go unnamed: a bss the kernel merged into [heap] is still the object's bss
        return new MapsEntry(from, to, e.perms(), off, e.object(), e.isFile() ? e.path() : "", e.backing(),
                Optional.empty(), e.line());
    }

    @Override
    public ObjectImage build(Predictor predictor) {
        Optional<Prediction> prediction = Optional.of(predictor.check(elf, path, observed));
        return new ObjectImage(path, ObjectAssembler.displayName(elf, path), identity, OptionalLong.of(base), regions,
                Folded.NONE, prediction);
    }
}
