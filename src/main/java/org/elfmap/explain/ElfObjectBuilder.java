package org.elfmap.explain;

import org.elfmap.space.Usage;
import org.elfmap.space.Folded;
import org.elfmap.loader.Flavor;
import org.elfmap.space.Region;
import org.elfmap.space.RegionNote;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.space.RawPath;
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
    /** Every entry given, whole, in order: replayed by shape if a later one shows the file changed. */
    private final List<MapsEntry> given = new ArrayList<>();
    /** Parts of given entries that are not this object's, handed back when it closes ({@link #close}). */
    private final List<Region> rest = new ArrayList<>();
    /** End of the last entry this object took a part of: anonymous memory joins it only from here. */
    private long takenEnd;
    private final Optional<FreeBsdGaps> gaps;

    ElfObjectBuilder(String path, String identity, String key, FileCache.Lookup.ElfObject file, long base,
                     Optional<FreeBsdGaps> gaps) {
        this.gaps = gaps;
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

    /**
     * A file entry of this object's key is its own anywhere in the span; anonymous memory only
     * when it continues what the object observably spans (it starts where the last entry taken
     * ended: a bss after data, a reservation between segments) and is memory a loader may have
     * made ({@link PredictionCheck#loaderAnonymous}: unnamed, bionic's {@code [anon:...]}, the
     * Android kernel's {@code [page size compat]}), never a mapping the kernel names itself
     * ({@code [vdso]}, {@code [stack]}, {@code [heap]}, any other {@code [name]}). A span read
     * from a file that changed, or a hole the kernel left between a program's segments, may cover
     * other objects' memory: never claimed.
     */
    @Override
    public boolean takes(MapsEntry e) {
        boolean inSpan = Long.compareUnsigned(e.start(), firstStart()) >= 0 && openAt(e.start());
        if (!inSpan) {
            return false;
        }
        if (e.isFile()) {
            return key.equals(ObjectAssembler.key(e));
        }
        return !given.isEmpty() && e.start() == takenEnd && PredictionCheck.loaderAnonymous(e);
    }

    /**
     * Whether the file as read can have made file entry {@code e} at this base: every part the
     * layout puts in a segment's file pages maps the file offset that segment says; parts in a gap
     * or past the file pages are the file mapped on from some segment (a loader's reservation:
     * glibc's and musl's span mapped from the first segment's offset, bionic's padding) and never
     * writable. Empty when it fits, else what does not (for the note). {@code pieces}: {@code e}
     * cut by {@link #pieces}, the same that {@link #add(MapsEntry, List)} then takes.
     */
    Optional<String> misfit(MapsEntry e, List<Geometry.Piece> pieces) {
        for (Geometry.Piece p : pieces) {
            OptionalLong off = e.offset().isPresent()
                    ? OptionalLong.of(e.offset().getAsLong() + (base + p.from() - e.start())) : OptionalLong.empty();
            boolean fits = switch (p.zone()) {
                case FILE -> off.isEmpty() || geo.offsetOfAddress(p.from()).equals(off);
                case BSS -> off.isEmpty() || off.getAsLong() - p.from() == delta(p.segment().get());
                default -> !(p.zone() == Geometry.Zone.GAP && e.prot().write())
                        && (off.isEmpty() || geo.mapsOn(off.getAsLong() - p.from()));
            };
            if (!fits) {
                return Optional.of(String.format("its segments cannot place the %s mapping at 0x%x%s", e.perms(),
                        base + p.from(), off.isPresent() ? String.format(" (file offset 0x%x)", off.getAsLong()) : ""));
            }
        }
        return Optional.empty();
    }

    private static long delta(LoadSegment s) {
        return s.fileOff() - s.mapStart();
    }

    /** Entry {@code e} cut at this object's segment boundaries (relative to its base), once for misfit and add. */
    List<Geometry.Piece> pieces(MapsEntry e) {
        return geo.cut(e.start() - base, e.end() - base);
    }

    /** The entries given so far, whole, in address order. */
    List<MapsEntry> given() {
        return List.copyOf(given);
    }

    ElfFile elf() {
        return elf;
    }

    /** The parts of given entries that are not this object's, once it is over. */
    List<Region> close() {
        List<Region> out = List.copyOf(rest);
        rest.clear();
        return out;
    }

    @Override
    public List<Region> add(MapsEntry e) {
        return add(e, pieces(e));
    }

    /** {@link #add(MapsEntry)} with {@code e} already cut ({@link #pieces}). */
    List<Region> add(MapsEntry e, List<Geometry.Piece> pieces) {
        given.add(e);
        int n = pieces.size();
        long[] lengths = new long[n];
        boolean[] untouched = new boolean[n];
        boolean[] ours = new boolean[n];
        for (int i = 0; i < n; i++) {
            Geometry.Piece p = pieces.get(i);
            lengths[i] = p.to() - p.from();
            ours[i] = e.isFile() || p.zone() == Geometry.Zone.BSS || p.zone() == Geometry.Zone.FILE
                    || (p.zone() == Geometry.Zone.GAP && !e.prot().read() && !e.prot().write());
            untouched[i] = ours[i] && (p.zone() == Geometry.Zone.GAP || (e.isFile() && p.zone() == Geometry.Zone.OUTSIDE));
        }
        List<Optional<Usage>> shares = Apportion.split(e.usage(), lengths, untouched, geo.page());
        List<Region> others = new ArrayList<>();
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
                others.add(new Region(from, to, e.perms(), off, ps.object().equals("[anon]") ? Kind.ANON : ps.kind(),
                        OptionalInt.empty(), e.backing(), shares.get(i), Optional.empty()));
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
            takenEnd = takenTo;
        }
        rest.addAll(others);
        return List.of(); // handed back by close(): a later entry may still show the file changed
    }

    private Region region(MapsEntry e, Geometry.Piece p, long from, long to, OptionalLong off, Optional<Usage> usage,
                          boolean merged) {
        OptionalInt seg = p.segment().map(s -> OptionalInt.of(s.index())).orElse(OptionalInt.empty());
        Kind kind;
        Optional<RegionNote> what = Optional.empty();
        Prot seen = e.prot();
        Backing backing = e.backing();
        switch (p.zone()) {
            case FILE -> {
                LoadSegment s = p.segment().get();
                kind = s.kind();
                if (s.prot().write() && !seen.write() && e.isFile()) {
                    kind = geo.inRelro(p.from(), p.to()) ? Kind.RELRO : Kind.DATA;
                    if (kind == Kind.DATA) {
                        what = Optional.of(new RegionNote.WritableSeenReadOnly());
                    }
                } else if (isZeroedTail(e, s)) {
                    kind = Kind.ZEROED_TAIL;
                    what = Optional.of(new RegionNote.ZeroedTail(s.index(), s.kind()));
                } else if (!e.isFile()) {
                    what = Optional.of(new RegionNote.FragmentCopied());
                } else if (s.prot().write() != seen.write() || s.prot().exec() != seen.exec()) {
                    what = Optional.of(new RegionNote.ProtDiffers(seen, s.prot()));
                }
            }
            case BSS -> {
                kind = Kind.BSS;
                LoadSegment s = p.segment().get();
                if (e.isFile()) {
                    what = Optional.of(new RegionNote.BssFromFile());
                } else if (merged) {
                    what = Optional.of(new RegionNote.BssMerged(s.index()));
                }
            }
            case GAP -> {
                kind = Kind.GAP;
                backing = gaps.isPresent() ? gaps.get().backingOf(e) : backing;
                OptionalInt padded = paddedSegment(e, p);
                if (padded.isPresent()) {
                    seg = padded;
                    int s = padded.getAsInt();
                    what = Optional.of(e.isFile() ? new RegionNote.Padding(s) : new RegionNote.PaddingListedApart(OptionalInt.of(s)));
                } else {
                    what = Optional.of(gap(e, p, backing));
                }
            }
            default -> {
                kind = Kind.GAP;
                what = Optional.of(new RegionNote.PastLastSegment());
            }
        }
        return new Region(from, to, e.perms(), off, kind, seg, backing, usage, what);
    }

    /**
     * bionic's segment padding ({@code _extend_load_segment_vma}, Android 15+): the segment below
     * the gap, when the gap is listed as the Android kernel lists padding ({@code [page size compat]})
     * or is file pages of a file that asks for padding ({@code NT_ANDROID_TYPE_PAD_SEGMENT}).
     */
    private OptionalInt paddedSegment(MapsEntry e, Geometry.Piece p) {
        boolean listedApart = !e.isFile() && e.path().equals(PredictionCheck.PAGE_SIZE_COMPAT);
        boolean fromFile = e.isFile() && elf.hasNote("Android", org.elfmap.elf.Note.NT_ANDROID_TYPE_PAD_SEGMENT);
        if (!listedApart && !fromFile) {
            return OptionalInt.empty();
        }
        for (Geometry.Piece q : geo.cut(p.from() - 1, p.from())) {
            if (q.segment().isPresent()) {
                return OptionalInt.of(q.segment().get().index());
            }
        }
        return OptionalInt.empty();
    }

    /** Which pages a gap lies between, and how the loader holds it, judged by the observed entry. */
    private RegionNote gap(MapsEntry e, Geometry.Piece p, Backing backing) {
        Optional<Kind> before = neighbour(p.from() - 1);
        Optional<Kind> after = neighbour(p.to());
        Prot seen = e.prot();
        RegionNote.Holder holder = GapHolder.of(backing, e.isFile(), seen);
        if (holder != RegionNote.Holder.FILE_WITH_PROT) {
            return new RegionNote.Gap(holder, before, after, Optional.empty());
        }
        LoadSegment first = firstSegment();
        Optional<Kind> whose = seen.equals(first.prot()) ? Optional.of(first.kind()) : Optional.empty();
        return new RegionNote.Gap(holder, before, after, whose);
    }

    /** Kind of the segment whose pages hold relative address {@code rel}. */
    private Optional<Kind> neighbour(long rel) {
        for (Geometry.Piece q : geo.cut(rel, rel + 1)) {
            if (q.segment().isPresent()) {
                return Optional.of(q.zone() == Geometry.Zone.BSS ? Kind.BSS : q.segment().get().kind());
            }
        }
        return Optional.empty();
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

    static MapsEntry slice(MapsEntry e, long from, long to) {
        OptionalLong off = e.offset().isPresent() ? OptionalLong.of(e.offset().getAsLong() + (from - e.start()))
                : e.offset();
        // anonymous pieces go unnamed: a bss the kernel merged into [heap] is still the object's bss
        return new MapsEntry(from, to, e.perms(), off, e.object(), e.isFile() ? e.name() : RawPath.EMPTY, e.backing(),
                Optional.empty(), e.line());
    }

    @Override
    public ObjectImage build(Predictor predictor) {
        Optional<Prediction> prediction = Optional.of(predictor.check(elf, path, ObjectAssembler.inodeOf(identity), observed));
        return new ObjectImage(path, ObjectAssembler.displayName(elf, path), identity, OptionalLong.of(base), regions,
                Folded.NONE, prediction, Flavor.isInterpreter(elf));
    }
}
