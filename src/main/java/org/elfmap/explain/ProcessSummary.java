package org.elfmap.explain;

import org.elfmap.space.ImagePart;
import org.elfmap.space.Usage;
import org.elfmap.space.KindTotal;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elfmap.space.Kind;

/**
 * One process as {@code top} lists it: its totals and totals per kind, without its mappings.
 *
 * @param command     {@code /proc/PID/comm}, the kernel's short name of the program
 * @param hasPss      false when only {@code maps} was readable (no RSS/PSS)
 * @param mismatched  ELF objects whose mappings differ from their prediction, in address order
 *                    (empty unless checked)
 * @param parts       its image by object, segment and kind ({@code --format folded})
 */
public record ProcessSummary(int pid, String command, long vszBytes, Usage usage, boolean hasPss,
                             Map<Kind, KindTotal> byKind, int elfObjects, List<Mismatched> mismatched,
                             List<ImagePart> parts) {

    public ProcessSummary {
        byKind = KindTotal.copyOf(byKind);
        mismatched = List.copyOf(mismatched);
        parts = List.copyOf(parts);
    }

    /**
     * One ELF object whose observed mappings differ from its prediction.
     *
     * @param prediction the mismatch verdict (its differences), without the predicted mappings
     */
    public record Mismatched(String path, Prediction prediction) {
    }

    /** How many ELF objects differ from their prediction. */
    public int mismatches() {
        return mismatched.size();
    }

    static ProcessSummary of(int pid, String command, AddressImage image) {
        int elf = 0;
        List<Mismatched> mismatched = new ArrayList<>();
        for (ObjectImage o : image.objects()) {
            if (o.prediction().isPresent()) {
                elf++;
                Prediction p = o.prediction().get();
                if (p.status() == Prediction.Status.MISMATCH) {
                    // the differences only: a whole machine's predicted mappings are not kept for the report
                    mismatched.add(new Mismatched(o.path(), p.withExpected(List.of())));
                }
            }
        }
        // one walk of the regions: the parts (for --format folded), and the kinds summed from them
        List<ImagePart> parts = ImagePart.of(image);
        return new ProcessSummary(pid, command, image.vszBytes(), image.usage(), image.hasPss(), ImagePart.byKind(parts),
                elf, mismatched, parts);
    }
}
