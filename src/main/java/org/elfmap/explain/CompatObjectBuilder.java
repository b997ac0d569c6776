package org.elfmap.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.KernelMerge;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Mapping;
import org.elfmap.maps.MapsEntry;
import org.elfmap.space.Folded;
import org.elfmap.space.Kind;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prediction;
import org.elfmap.space.RawPath;
import org.elfmap.space.Region;
import org.elfmap.space.RegionNote;
import org.elfmap.space.Usage;

/**
 * A library that bionic's linker loaded in its 16 KiB app-compat mode: a run of anonymous entries
 * named {@code [anon:PATH (compat loaded)]} ({@code Setup16KiBAppCompat} in
 * {@code linker/linker_phdr_16kib_compat.cpp} names the whole reservation so), read-execute then
 * read-write. With the file at hand each entry is cut where the compat layout puts the segments
 * (relative to the reservation's start, the run's first entry) and the run is checked against
 * that layout; without it, read-execute entries are text (with rodata and RELRO) and read-write
 * ones data (with the bss).
 */
final class CompatObjectBuilder implements ObjectBuilder {
    static final String PREFIX = "[anon:";
    static final String SUFFIX = " (compat loaded)]";
    private final String name;
    private final String path;
    private final FileCache.Lookup file;
    private final List<MapsEntry> entries = new ArrayList<>();

    private CompatObjectBuilder(String name, String path, FileCache.Lookup file) {
        this.name = name;
        this.path = path;
        this.file = file;
    }

    /** The library's name (its bytes, between the ASCII {@link #PREFIX} and {@link #SUFFIX}) when {@code e} is part of a compat-loaded library. */
    static Optional<RawPath> library(MapsEntry e) {
        String p = e.name().carried();
        if (e.isFile() || !p.startsWith(PREFIX) || !p.endsWith(SUFFIX) || p.length() <= PREFIX.length() + SUFFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(RawPath.of(p.substring(PREFIX.length(), p.length() - SUFFIX.length())));
    }

    static CompatObjectBuilder of(MapsEntry first, String path, FileCache.Lookup file) {
        return new CompatObjectBuilder(first.path(), path, file);
    }

    @Override
    public long firstStart() {
        return entries.get(0).start();
    }

    private long end() {
        return entries.get(entries.size() - 1).end();
    }

    @Override
    public boolean takes(MapsEntry e) {
        return e.path().equals(name) && !e.isFile() && (entries.isEmpty() || e.start() == end());
    }

    @Override
    public boolean openAt(long address) {
        return address == end();
    }

    @Override
    public List<Region> add(MapsEntry e) {
        entries.add(e);
        return List.of();
    }

    @Override
    public ObjectImage build(Predictor predictor) {
        RegionNote note = new RegionNote.CompatLoaded(name.substring(PREFIX.length(), name.length() - 1));
        long base = firstStart();
        if (file instanceof FileCache.Lookup.ElfObject found) {
            LoaderModel loader = predictor.compatLoader();
            Layout layout = loader.layout(found.elf(), PageSize.P16K);
            Optional<Prediction> refused = Predictor.refused(loader, layout);
            if (refused.isEmpty()) {
                Prediction p = predictor.enabled() ? check(layout, base) : Predictor.NOT_CHECKED;
                return new ObjectImage(path, ObjectAssembler.displayName(found.elf(), path), "", OptionalLong.of(base),
                        cut(layout, base, note), Folded.NONE, Optional.of(p));
            }
            return byShape(note, found.elf(), refused.get());
        }
        Prediction why = file instanceof FileCache.Lookup.Unavailable u
                ? Prediction.unavailable(new Prediction.Unavailable.FileUnusable(path, u.problem(), u.detail()))
                : Prediction.unavailable(new Prediction.Unavailable.FileUnusable(path,
                        Prediction.FileProblem.MALFORMED, "not an ELF file"));
        return byShape(note, null, why);
    }

    /** Each entry cut at the layout's mappings (relative to the run's start), with their kinds. */
    private List<Region> cut(Layout layout, long base, RegionNote note) {
        List<Region> out = new ArrayList<>();
        for (MapsEntry e : entries) {
            List<Region> pieces = new ArrayList<>();
            long at = e.start();
            for (Mapping m : layout.mappings()) {
                long from = Math.max(at, base + m.start());
                long to = Math.min(e.end(), base + m.end());
                if (to > from) {
                    pieces.add(region(e, from, to, m.kind(), m.segment(), note));
                    at = to;
                }
            }
            if (at < e.end()) {
                pieces.add(region(e, at, e.end(), Kind.GAP, OptionalInt.empty(), note));
            }
            long[] lengths = pieces.stream().mapToLong(Region::length).toArray();
            List<Optional<Usage>> shares = Apportion.split(e.usage(), lengths, new boolean[lengths.length],
                    PageSize.P16K);
            for (int i = 0; i < pieces.size(); i++) {
                Region r = pieces.get(i);
                out.add(new Region(r.start(), r.end(), r.perms(), r.fileOffset(), r.kind(), r.segment(), r.backing(),
                        shares.get(i), r.note()));
            }
        }
        return out;
    }

    private ObjectImage byShape(RegionNote note, ElfFile elf, Prediction prediction) {
        List<Region> out = new ArrayList<>();
        for (MapsEntry e : entries) {
            Kind kind = e.prot().exec() ? Kind.TEXT : e.prot().write() ? Kind.DATA : Kind.RODATA;
            out.add(region(e, e.start(), e.end(), kind, OptionalInt.empty(), note));
        }
        String display = elf != null ? ObjectAssembler.displayName(elf, path) : ObjectAssembler.fileName(path);
        return new ObjectImage(path, display, "", OptionalLong.empty(), out, Folded.NONE, Optional.of(prediction));
    }

    private static Region region(MapsEntry e, long from, long to, Kind kind, OptionalInt segment, RegionNote note) {
        Optional<Usage> usage = from == e.start() && to == e.end() ? e.usage() : Optional.empty();
        return new Region(from, to, e.perms(), OptionalLong.empty(), kind, segment, e.backing(), usage,
                Optional.of(note));
    }

    /** The run against the layout as the kernel lists it, entry by entry, relative to the run's start. */
    private Prediction check(Layout layout, long base) {
        List<Mapping> predicted = KernelMerge.merge(layout.mappings());
        List<Prediction.Piece> expected = new ArrayList<>();
        for (Mapping m : predicted) {
            expected.add(new Prediction.Piece(m.start(), m.end(), m.prot(), OptionalLong.empty()));
        }
        List<Prediction.Piece> observed = new ArrayList<>();
        for (MapsEntry e : entries) {
            observed.add(new Prediction.Piece(e.start() - base, e.end() - base, e.prot(), OptionalLong.empty()));
        }
        return PredictionCheck.verdict(layout, expected, predicted, observed);
    }
}
