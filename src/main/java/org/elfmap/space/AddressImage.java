package org.elfmap.space;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole address space, observed ({@code explain}: a PID or a capture) or predicted
 * ({@code predict}: an executable's dependency closure), as objects with their regions. The one
 * shape that {@code explain}, {@code predict} and {@code compare} share (contract: JSON).
 *
 * @param source     {@code "pid 1234"}, a file name, or {@code "predicted /path/to/exe"}
 * @param format     input format ({@code linux-smaps}, {@code freebsd-map}...) or {@code predicted}
 * @param unresolved DT_NEEDED names a prediction could not find (empty for observations)
 * @param notes      things the reader should know about the input as a whole
 * @param rollup     whole-process totals the kernel reported ({@code smaps_rollup}), when the input
 *                   is one: it has no entries to attribute
 * @param page       the page size the image was attributed or predicted at
 */
public record AddressImage(String source, String format, List<ObjectImage> objects, List<String> unresolved,
                           List<ImageNote> notes, Optional<Usage> rollup, PageSize page) {

    public AddressImage {
        objects = List.copyOf(objects);
        unresolved = List.copyOf(unresolved);
        notes = List.copyOf(notes);
    }

    public AddressImage(String source, String format, List<ObjectImage> objects, List<String> unresolved,
                        List<ImageNote> notes, PageSize page) {
        this(source, format, objects, unresolved, notes, Optional.empty(), page);
    }

    /** The same image with other notes. */
    public AddressImage withNotes(List<ImageNote> n) {
        return new AddressImage(source, format, objects, unresolved, n, rollup, page);
    }

    /** The same image under another source label. */
    public AddressImage withSource(String s) {
        return new AddressImage(s, format, objects, unresolved, notes, rollup, page);
    }

    /** The same image with the kernel's whole-process totals. */
    public AddressImage withRollup(Optional<Usage> r) {
        return new AddressImage(source, format, objects, unresolved, notes, r, page);
    }

    /**
     * Whether {@link #vszBytes()} is the image's VSZ: not for a {@code smaps_rollup} input, whose
     * whole-process totals come without entries (the kernel's {@code show_smaps_rollup} sums RSS,
     * PSS and swap, not the address space), so its VSZ is unknown rather than zero.
     */
    public boolean vszKnown() {
        return !(rollup.isPresent() && objects.isEmpty());
    }

    // Loops, not streams: top asks these of every process (a stream's set-up costs more than the walk).
    public long vszBytes() {
        long sum = 0;
        for (ObjectImage o : objects) {
            sum = ByteSum.add(sum, o.vszBytes());
        }
        return sum;
    }

    public boolean hasUsage() {
        if (rollup.isPresent()) {
            return true;
        }
        for (ObjectImage o : objects) {
            if (o.hasUsage()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the usage includes a proportional set size. FreeBSD's map and {@code procstat -v}
     * report resident pages per entry but no proportional share, so their PSS is not known.
     */
    public boolean hasPss() {
        return hasUsage() && !format.startsWith("freebsd") && !format.equals("procstat");
    }

    public Usage usage() {
        if (rollup.isPresent()) {
            return rollup.get();
        }
        Usage sum = Usage.ZERO;
        for (ObjectImage o : objects) {
            sum = sum.plus(o.usage());
        }
        return sum;
    }

    public Map<Kind, KindTotal> byKind() {
        Map<Kind, KindTotal> out = new EnumMap<>(Kind.class);
        for (ObjectImage o : objects) {
            o.byKind().forEach((k, t) -> out.merge(k, t, KindTotal::plus));
        }
        return out;
    }
}
