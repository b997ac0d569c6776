package org.elfmap.explain;

import org.elfmap.space.Prediction;
import org.elfmap.space.Region;
import org.elfmap.space.Prediction.Piece;
import java.util.Optional;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.elfmap.elf.ElfHeader;
import org.elfmap.space.Backing;
import org.elfmap.loader.KernelMerge;
import org.elfmap.loader.Layout;
import org.elfmap.loader.Mapping;
import org.elfmap.maps.MapsEntry;

/**
 * Checks one ELF object's observed mappings against its layout: the load base is inferred from
 * the first file-backed entry, the layout is merged as the kernel merges ({@link KernelMerge}),
 * and the two lists are compared entry by entry (addresses relative to the base, protection,
 * file offset or anonymous). The anonymous entries inside the object's predicted span are its
 * bss; one that runs past the span is the bss merged by the kernel with anonymous memory after
 * it, and counts up to the span's end.
 */
public final class PredictionCheck {
    /** Stands for "some file offset" where the format prints none. */
    private static final OptionalLong FILE_BACKED = OptionalLong.of(Prediction.Piece.SOME_OFFSET);
    /** Differences listed before the rest are only counted. */
    static final int LISTED = 8;
    private PredictionCheck() {
    }

    /** The verdict and the base it was judged at. */
    public record Outcome(Prediction prediction, OptionalLong base) {
    }

    /**
     * @param entries every entry of the address space, in address order (only those of
     *                {@code path} and anonymous ones inside its span are looked at)
     * @param path    the object's path as the entries spell it
     */
    public static Outcome check(List<MapsEntry> entries, String path, Layout layout) {
        List<Mapping> predicted = KernelMerge.merge(layout.mappings());
        if (predicted.isEmpty()) {
            return new Outcome(Prediction.unavailable(new Prediction.Unavailable.NoLoads()), OptionalLong.empty());
        }
        MapsEntry first = null;
        for (MapsEntry e : entries) {
            if (e.path().equals(path)) {
                first = e;
                break;
            }
        }
        if (first == null) {
            return new Outcome(Prediction.unavailable(new Prediction.Unavailable.NotObserved(path)), OptionalLong.empty());
        }
        OptionalLong base = base(predicted, first, layout.elf().header().type() == ElfHeader.ET_DYN);
        if (base.isEmpty()) {
            return new Outcome(Prediction.unavailable(new Prediction.Unavailable.NoBase(first.offset().orElse(0))), base);
        }
        long b = base.getAsLong();
        long lo = b + predicted.get(0).start();
        long hi = b + predicted.get(predicted.size() - 1).end();
        // FreeBSD's formats print no file offsets: there, file-backed is all that can be compared
        boolean offsets = first.offset().isPresent();
        List<Piece> observed = new ArrayList<>();
        for (MapsEntry e : entries) {
            boolean anon = loaderAnonymous(e);
            if (e.start() >= lo && e.start() < hi && (e.path().equals(path) || anon) && (e.end() <= hi || anon)) {
                observed.add(new Piece(e.start() - b, Math.min(e.end(), hi) - b, e.prot(),
                        anon ? OptionalLong.empty() : offsets ? e.offset() : FILE_BACKED));
            }
        }
        List<Piece> expected = new ArrayList<>();
        for (Mapping m : predicted) {
            expected.add(new Piece(m.start(), m.end(), m.prot(),
                    m.backing() != Backing.FILE ? OptionalLong.empty() : offsets ? m.fileOffset() : FILE_BACKED));
        }
        return new Outcome(verdict(layout, expected, predicted, observed).withExpected(placed(layout, b)), base);
    }

    /**
     * The pieces observed against those expected from the layout's merged mappings
     * ({@code predicted}), both relative to the object's base: a match, or a mismatch listing the
     * first {@value #LISTED} differences (and saying when there are more).
     */
    static Prediction verdict(Layout layout, List<Piece> expected, List<Mapping> predicted, List<Piece> observed) {
        List<Prediction.Difference> differences = differences(expected, predicted, observed);
        if (differences.isEmpty()) {
            return Prediction.match();
        }
        Prediction.Judge judge = new Prediction.Judge(layout.loader(), layout.pageSize());
        boolean truncated = differences.size() > LISTED;
        return Prediction.mismatch(judge, truncated ? differences.subList(0, LISTED) : differences, truncated);
    }

    /**
     * The layout's mappings as regions at load base {@code base}, one per kind as the loader model
     * gives them (not merged as the kernel would), so that they line up with the observed regions.
     */
    static List<Region> placed(Layout layout, long base) {
        List<Region> out = new ArrayList<>();
        for (Mapping m : layout.mappings()) {
            Region r = m.toRegion();
            out.add(new Region(r.start() + base, r.end() + base, r.perms(), r.fileOffset(), r.kind(), r.segment(),
                    r.backing(), r.usage(), r.note()));
        }
        return out;
    }

    /**
     * Anonymous memory a loader may have made for an object: unnamed, or named by the loader
     * (bionic's {@code [anon:.bss]} and other {@code [anon:...]} names, set by
     * {@code prctl(PR_SET_VMA_ANON_NAME)}, linker_phdr.cpp), or the padding an Android kernel lists
     * apart as {@code [page size compat]}. Any other {@code [name]} is a mapping the kernel names
     * itself ({@code [vdso]}, {@code [vvar]}, {@code [stack]}, {@code [heap]}, {@code [vsyscall]},
     * {@code [uprobes]}): never part of an ELF object, whatever its layout says.
     */
    static boolean loaderAnonymous(MapsEntry e) {
        String p = e.path();
        return p.isEmpty() || e.backing() == Backing.ANON && (p.startsWith("[anon:") || p.equals(PAGE_SIZE_COMPAT));
    }

    /** What the Android kernel calls the padding of a segment it lists apart ({@code pad_vma_name}). */
    static final String PAGE_SIZE_COMPAT = "[page size compat]";

    /**
     * ET_DYN: the base puts the observed entry's file offset where the layout has it; ET_EXEC
     * addresses are absolute.
     */
    static OptionalLong base(List<Mapping> predicted, MapsEntry first, boolean relocatable) {
        if (!relocatable) {
            return OptionalLong.of(0);
        }
        if (first.offset().isEmpty()) {
            // no offsets (FreeBSD): the object's first entry is its first mapping
            return OptionalLong.of(first.start() - predicted.get(0).start());
        }
        long firstOffset = first.offset().getAsLong();
        for (Mapping m : predicted) {
            if (m.backing() == Backing.FILE && m.fileOffset().isPresent()) {
                long off = m.fileOffset().getAsLong();
                if (off <= firstOffset && firstOffset < off + m.length()) {
                    return OptionalLong.of(first.start() - (m.start() + firstOffset - off));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static List<Prediction.Difference> differences(List<Piece> expected, List<Mapping> predicted,
                                                           List<Piece> observed) {
        List<Prediction.Difference> out = new ArrayList<>();
        int n = Math.max(expected.size(), observed.size());
        for (int i = 0; i < n && out.size() <= LISTED; i++) {
            Optional<Piece> e = i < expected.size() ? Optional.of(expected.get(i)) : Optional.empty();
            Optional<Piece> o = i < observed.size() ? Optional.of(observed.get(i)) : Optional.empty();
            if (e.isPresent() && e.equals(o)) {
                continue;
            }
            int at = i;
            out.add(new Prediction.Difference(e, e.map(x -> predicted.get(at).kind()), o));
        }
        return out;
    }
}
