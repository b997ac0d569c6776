package org.elfmap.explain;

import org.elfmap.space.Prediction;

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
    private static final OptionalLong FILE_BACKED = OptionalLong.of(-1);
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
            return new Outcome(Prediction.unavailable("the file has no PT_LOAD segments"), OptionalLong.empty());
        }
        MapsEntry first = null;
        for (MapsEntry e : entries) {
            if (e.path().equals(path)) {
                first = e;
                break;
            }
        }
        if (first == null) {
            return new Outcome(Prediction.unavailable("no mapping of " + path + " was observed"), OptionalLong.empty());
        }
        OptionalLong base = base(predicted, first, layout.elf().header().type() == ElfHeader.ET_DYN);
        if (base.isEmpty()) {
            return new Outcome(Prediction.mismatch(List.of(String.format(
                    "observed offset 0x%x is not in any predicted file-backed mapping", first.offset().orElse(0)))), base);
        }
        long b = base.getAsLong();
        long lo = b + predicted.get(0).start();
        long hi = b + predicted.get(predicted.size() - 1).end();
        // FreeBSD's formats print no file offsets: there, file-backed is all that can be compared
        boolean offsets = first.offset().isPresent();
        List<Piece> observed = new ArrayList<>();
        for (MapsEntry e : entries) {
            boolean anon = e.path().isEmpty();
            if (e.start() >= lo && e.start() < hi && (e.path().equals(path) || anon) && (e.end() <= hi || anon)) {
                observed.add(new Piece(e.start() - b, Math.min(e.end(), hi) - b, e.prot().toString(),
                        anon ? OptionalLong.empty() : offsets ? e.offset() : FILE_BACKED));
            }
        }
        List<Piece> expected = new ArrayList<>();
        for (Mapping m : predicted) {
            expected.add(new Piece(m.start(), m.end(), m.prot().toString(),
                    m.backing() != Backing.FILE ? OptionalLong.empty() : offsets ? m.fileOffset() : FILE_BACKED));
        }
        List<String> differences = differences(expected, predicted, observed);
        return new Outcome(differences.isEmpty() ? Prediction.match() : Prediction.mismatch(differences), base);
    }

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

    private record Piece(long start, long end, String prot, OptionalLong offset) {
        @Override
        public String toString() {
            return String.format("0x%x-0x%x %s %s", start, end, prot,
                    offset.isPresent() ? "offset 0x" + Long.toHexString(offset.getAsLong()) : "anonymous");
        }
    }

    private static List<String> differences(List<Piece> expected, List<Mapping> predicted, List<Piece> observed) {
        List<String> out = new ArrayList<>();
        int n = Math.max(expected.size(), observed.size());
        for (int i = 0; i < n; i++) {
            Piece e = i < expected.size() ? expected.get(i) : null;
            Piece o = i < observed.size() ? observed.get(i) : null;
            if (e != null && e.equals(o)) {
                continue;
            }
            String kind = e == null ? "" : " (" + predicted.get(i).kind().label() + ")";
            if (e == null) {
                out.add("unexpected " + o);
            } else if (o == null) {
                out.add("expected " + e + kind + ", not observed");
            } else {
                out.add("expected " + e + kind + ", observed " + o);
            }
            if (out.size() >= 8) {
                out.add("... (further differences not listed)");
                break;
            }
        }
        return out;
    }
}
