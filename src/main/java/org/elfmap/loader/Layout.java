package org.elfmap.loader;

import org.elfmap.space.Refusal;
import org.elfmap.space.PageSize;
import org.elfmap.space.Vsz;
import org.elfmap.space.Kind;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;

/**
 * What one loader model predicts for one file at one page size: the mappings it creates (one per
 * kind, in address order), what the loader would refuse, and notes on anything unusual.
 *
 * @param refusal   why the real loader would not load this file; the mappings then show what
 *                  mapping it anyway would give
 * @param notes     facts about the file worth knowing (misaligned, overlapping segments...) and
 *                  what the model did about them
 */
public record Layout(ElfFile elf, String loader, PageSize pageSize, List<Mapping> mappings,
                     Optional<Refusal> refusal, List<LayoutNote> notes) {

    public Layout {
        mappings = List.copyOf(mappings);
        notes = List.copyOf(notes);
    }

    /** Address space the OS counts in VSZ: every mapping except FreeBSD guard reservations. */
    public long vszBytes() {
        long sum = 0; // a loop, not a stream: called for every file of a layout @LIST
        for (Mapping m : mappings) {
            sum += Vsz.of(m.length(), m.backing(), m.kind());
        }
        return sum;
    }

    /** Address space taken by gaps between segments, whatever backs it. */
    public long gapBytes() {
        return bytesOf(Kind.GAP);
    }

    /**
     * Address space between the lowest mapping's start and the highest one's end that no mapping
     * covers: the holes a loader leaves unmapped between segments (the Linux kernel maps each
     * PT_LOAD alone, so what another loader holds as a gap is a hole here).
     */
    public long holeBytes() {
        long holes = 0;
        long end = Long.MIN_VALUE;
        for (Mapping m : mappings) {
            if (end != Long.MIN_VALUE && Long.compareUnsigned(m.start(), end) > 0) {
                holes += m.start() - end;
            }
            if (end == Long.MIN_VALUE || Long.compareUnsigned(m.end(), end) > 0) {
                end = m.end();
            }
        }
        return holes;
    }

    public long bytesOf(Kind kind) {
        long sum = 0;
        for (Mapping m : mappings) {
            if (m.kind() == kind) {
                sum += m.length();
            }
        }
        return sum;
    }


    /** The seed's hand arithmetic for each pair of neighbouring PT_LOADs. */
    public List<GapArithmetic> gapArithmetic() {
        return GapArithmetic.of(elf, pageSize);
    }
}
