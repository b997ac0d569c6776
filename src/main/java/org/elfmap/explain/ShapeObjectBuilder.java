package org.elfmap.explain;

import org.elfmap.space.Folded;
import org.elfmap.loader.Flavor;
import org.elfmap.space.Region;
import org.elfmap.space.RegionNote;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.maps.MapsEntry;

/**
 * An object whose file cannot be read (missing, cut short in the capture, deleted, replaced since
 * it was mapped): its entries are classified by their shape, the way the 2007 post's reader did by
 * hand. The first executable entry is text; on FreeBSD a one-page entry with text's protection
 * right after it is the zeroed tail, and a later entry with text's protection (and VM object, when
 * the format prints it) is the gap; {@code ---} file pages are a gap (glibc); a read-only entry just
 * before the writable one is RELRO; writable file pages are data; anonymous memory right after
 * data is bss. Without any executable entry the object is just a mapped file.
 */
final class ShapeObjectBuilder implements ObjectBuilder {
    private final String path;
    private final String identity;
    private final String key;
    private final boolean bsd;
    private final Prediction.Unavailable reason;
    private final PageSize page;
    private final Optional<FreeBsdGaps> gaps;
    private final List<MapsEntry> entries = new ArrayList<>();
    /**
     * {@code PROT_NONE} anonymous entries taken as a gap before data: the object's own only if more
     * of it follows, so they are held here and join {@link #entries} with the next file entry, or
     * go back to the assembler ({@link #close}) when none comes.
     */
    private final List<MapsEntry> pending = new ArrayList<>();
    /** The first executable file entry: text, by which the rest is read. */
    private MapsEntry text;
    /** Whether a writable file entry has been taken. */
    private boolean seenData;
    /** Whether an accessible anonymous entry (bss) has been taken. */
    private boolean seenBss;
    /** The last entry taken, pending or not. */
    private MapsEntry last;
    private boolean closed;

    ShapeObjectBuilder(String path, String identity, String key, boolean bsd, Prediction.Unavailable reason,
                       Optional<FreeBsdGaps> gaps,
                       PageSize page) {
        this.path = path;
        this.identity = identity;
        this.key = key;
        this.bsd = bsd;
        this.reason = reason;
        this.page = page;
        this.gaps = gaps;
    }

    @Override
    public long firstStart() {
        return entries.get(0).start();
    }

    @Override
    public boolean openAt(long address) {
        return !closed;
    }

    /**
     * Once an entry is not taken, the object is over: shapes are read in one run. Returns the
     * {@code PROT_NONE} anonymous entries held as a gap before data that never came: not its own.
     */
    List<MapsEntry> close() {
        closed = true;
        List<MapsEntry> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    @Override
    public boolean takes(MapsEntry e) {
        if (closed) {
            return false;
        }
        boolean adjacent = e.start() == last.end();
        if (!e.isFile()) {
            if (adjacent && e.prot().none() && !seenData && (!bsd || text != null)) {
                // a reservation between segments, a gap if more of the object follows: bionic's (or
                // its padding listed apart as [page size compat]), FreeBSD rtld's after text
                return true;
            }
            return adjacent && last.isFile() && last.prot().write() && e.prot().write() && !seenBss;
        }
        if (!key.equals(ObjectAssembler.key(e))) {
            return false;
        }
        if (!bsd) {
            return true; // dev:inode names one file: all its entries are this object's, holes or not
        }
        // FreeBSD paths may be cut short and shared by neighbouring libraries: continue only in one
        // run, and after data only with more writable pages.
        return adjacent && (!seenData || e.prot().write());
    }

    @Override
    public List<Region> add(MapsEntry e) {
        last = e;
        if (!e.isFile()) {
            if (e.prot().none()) {
                pending.add(e);
            } else {
                seenBss = true;
                entries.add(e);
            }
            return List.of();
        }
        entries.addAll(pending);
        pending.clear();
        entries.add(e);
        if (text == null && e.prot().exec()) {
            text = e;
        }
        seenData |= e.prot().write();
        return List.of();
    }

    @Override
    public ObjectImage build(Predictor predictor) {
        Optional<MapsEntry> text = Optional.ofNullable(this.text);
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            MapsEntry e = entries.get(i);
            Kind kind = text.isEmpty() ? (Pseudo.isShm(e) ? Kind.SHM : Kind.FILE) : kind(i, text.get());
            Backing backing = kind == Kind.GAP && gaps.isPresent() ? gaps.get().backingOf(e) : e.backing();
            regions.add(new Region(e.start(), e.end(), e.perms(), e.offset(), kind, OptionalInt.empty(), backing,
                    e.usage(), note(kind, i, text, backing)));
        }
        Optional<Prediction> prediction = text.isEmpty() ? Optional.empty()
                : Optional.of(Prediction.unavailable(reason));
        OptionalLong base = text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(entries.get(0).start());
        // the file cannot be read: its path is all there is to know the dynamic linker by
        return new ObjectImage(path, ObjectAssembler.fileName(path), identity, base, regions, Folded.NONE, prediction,
                text.isPresent() && Flavor.isInterpreterPath(path));
    }

    private Kind kind(int i, MapsEntry text) {
        MapsEntry e = entries.get(i);
        int t = entries.indexOf(text);
        Prot p = e.prot();
        if (!e.isFile()) {
            return p.none() ? Kind.GAP : Kind.BSS;
        }
        if (!p.read() && !p.write() && !p.exec()) {
            return Kind.GAP;
        }
        if (p.write()) {
            return Kind.DATA;
        }
        if (i > t && p.equals(text.prot())) {
            if (bsd && i == t + 1 && e.length() == page.bytes() && !sameObject(e, text)) {
                return Kind.ZEROED_TAIL;
            }
            if (bsd && (sameObject(e, text) || e.object().isEmpty())) {
                return Kind.GAP;
            }
            return Kind.TEXT;
        }
        if (i == t) {
            return Kind.TEXT;
        }
        if (i > t) {
            // read-only pages right before the data, or before a gap that is (bionic's RELRO segment)
            int j = i + 1;
            long end = e.end();
            while (j < entries.size() && !entries.get(j).isFile() && entries.get(j).prot().none()
                    && entries.get(j).start() == end) {
                end = entries.get(j++).end();
            }
            if (j < entries.size() && entries.get(j).isFile() && entries.get(j).prot().write()
                    && entries.get(j).start() == end) {
                return Kind.RELRO;
            }
        }
        return Kind.RODATA;
    }

    private static boolean sameObject(MapsEntry a, MapsEntry b) {
        return !a.object().isEmpty() && a.object().equals(b.object());
    }

    private Optional<RegionNote> note(Kind kind, int i, Optional<MapsEntry> text, Backing backing) {
        MapsEntry e = entries.get(i);
        if (kind == Kind.GAP && !e.isFile() && e.path().equals(PredictionCheck.PAGE_SIZE_COMPAT)) {
            return Optional.of(new RegionNote.PaddingListedApart(OptionalInt.empty()));
        }
        if (kind == Kind.GAP) {
            RegionNote.Holder h = GapHolder.of(backing, e.isFile(), e.prot());
            return Optional.of(h == RegionNote.Holder.FILE_WITH_PROT
                    ? new RegionNote.Gap(h, before(i), after(i), Optional.of(Kind.TEXT), sameObject(e, text.get()))
                    : new RegionNote.Gap(h, before(i), after(i), Optional.empty()));
        }
        return switch (kind) {
            case ZEROED_TAIL -> Optional.of(new RegionNote.ByShape(RegionNote.Shape.ZEROED_TAIL));
            case RELRO -> Optional.of(new RegionNote.ByShape(RegionNote.Shape.RELRO));
            case BSS -> Optional.of(new RegionNote.ByShape(RegionNote.Shape.BSS));
            default -> Optional.empty();
        };
    }


    /** Text, when an executable entry of this object precedes entry {@code i}. */
    private Optional<Kind> before(int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (entries.get(j).isFile() && entries.get(j).prot().exec()) {
                return Optional.of(Kind.TEXT);
            }
        }
        return Optional.empty();
    }

    /** Data or read-only data, by the first accessible entry after entry {@code i}. */
    private Optional<Kind> after(int i) {
        for (int j = i + 1; j < entries.size(); j++) {
            MapsEntry e = entries.get(j);
            if (e.prot().write()) {
                return Optional.of(Kind.DATA);
            }
            if (e.prot().read()) {
                return Optional.of(Kind.RODATA);
            }
        }
        return Optional.empty();
    }
}
