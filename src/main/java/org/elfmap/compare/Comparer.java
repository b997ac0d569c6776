package org.elfmap.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Kind;

/**
 * Lines up the objects of two address spaces. An object is matched by its name (soname, else
 * file name), so {@code /lib/i386-linux-gnu/libc.so.6} meets {@code /lib/x86_64-linux-gnu/libc.so.6}
 * and an i386 build meets its amd64 build; the dynamic linker, whose name differs by
 * architecture and libc ({@code ld-linux.so.2}, {@code ld-linux-x86-64.so.2}, musl's
 * {@code ld-musl-x86_64.so.1}, which a process's maps name by the file it links to,
 * {@code .../x86_64-linux-musl/libc.so}, FreeBSD's {@code ld-elf.so.1}), meets the dynamic
 * linker: by {@link ObjectImage#dynamicLinker()}, the role its builder knew (a program-header
 * listing's, by its soname: {@code explain.ListingImage}). Objects with one
 * name on one side (several mappings of one file, several [anon] regions) are summed.
 */
public final class Comparer {
    private static final String LINKER_KEY = "\0dynamic-linker";

    private Comparer() {
    }

    public static Comparison compare(AddressImage a, AddressImage b) {
        Map<String, Side> left = sides(a);
        Map<String, Side> right = sides(b);
        List<ObjectDelta> out = new ArrayList<>();
        for (Map.Entry<String, Side> e : left.entrySet()) {
            Side l = e.getValue();
            Side r = right.remove(e.getKey());
            out.add(delta(l, r));
        }
        for (Side r : right.values()) {
            out.add(delta(null, r));
        }
        boolean predictedA = isPrediction(a);
        boolean predictedB = isPrediction(b);
        List<CompareNote> notes = new ArrayList<>();
        boolean elfOnly = predictedA != predictedB;
        if (elfOnly) {
            notes.add(new CompareNote.OneSidePredicted());
        }
        for (AddressImage image : List.of(a, b)) {
            if (!image.unresolved().isEmpty()) {
                notes.add(new CompareNote.Unresolved(image.source(), image.unresolved()));
            }
        }
        long[] ga = gapBytes(a);
        long[] gb = gapBytes(b);
        if ((ga[1] > 0 && gb[0] > 0) || (gb[1] > 0 && ga[0] > 0)) {
            notes.add(new CompareNote.GapsHeldDifferently(ga[0], ga[1], gb[0], gb[1]));
        }
        return new Comparison(a.source(), b.source(), out, elfOnly, notes);
    }

    /** Gap bytes of an image: {@code [counted in VSZ, held as guards]}. */
    private static long[] gapBytes(AddressImage image) {
        long[] out = new long[2];
        for (ObjectImage o : image.objects()) {
            for (org.elfmap.space.Region r : o.regions()) {
                if (r.kind() == Kind.GAP) {
                    out[r.backing() == org.elfmap.space.Backing.GUARD ? 1 : 0] += r.length();
                }
            }
        }
        return out;
    }

    /** Laid out from files or listings rather than observed: no stack, heap or anonymous memory. */
    private static boolean isPrediction(AddressImage image) {
        return image.format().equals("predicted") || image.format().equals("program-headers");
    }

    /** One side's objects of one name, summed. */
    private static final class Side {
        final String name;
        final String path;
        int count;
        final boolean elf;
        final Map<Kind, Long> byKind = new EnumMap<>(Kind.class);

        Side(String name, String path, boolean elf) {
            this.name = name;
            this.path = path;
            this.elf = elf;
        }
    }

    private static Map<String, Side> sides(AddressImage image) {
        boolean predicted = isPrediction(image);
        Map<String, Side> out = new LinkedHashMap<>();
        for (ObjectImage o : image.objects()) {
            boolean elf = predicted || o.prediction().isPresent();
            String key = o.dynamicLinker() ? LINKER_KEY : o.name();
            Side s = out.computeIfAbsent(key, k -> new Side(o.name(), o.path(), elf));
            s.count++;
            o.byKind().forEach((k, t) -> s.byKind.merge(k, t.vszBytes(), Long::sum));
        }
        return out;
    }

    private static ObjectDelta delta(Side l, Side r) {
        String name;
        if (l == null || r == null) {
            name = (l == null ? r : l).name;
        } else {
            name = l.name.equals(r.name) ? l.name : l.name + " | " + r.name;
        }
        return new ObjectDelta(name, path(l), path(r), l == null ? Map.of() : l.byKind, r == null ? Map.of() : r.byKind,
                (l != null && l.elf) || (r != null && r.elf));
    }

    private static Optional<String> path(Side s) {
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(s.count > 1 ? s.path + " (+" + (s.count - 1) + " more)" : s.path);
    }
}
