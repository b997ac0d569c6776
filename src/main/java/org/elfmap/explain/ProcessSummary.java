package org.elfmap.explain;

import org.elfmap.space.ImagePart;
import org.elfmap.space.Usage;
import org.elfmap.space.KindTotal;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Prediction;

import java.util.List;
import java.util.Map;
import org.elfmap.space.Kind;

/**
 * One process as {@code top} lists it: its totals and totals per kind, without its mappings.
 *
 * @param command     {@code /proc/PID/comm}, the kernel's short name of the program
 * @param hasPss      false when only {@code maps} was readable (no RSS/PSS)
 * @param mismatches  ELF objects whose mappings differ from their prediction (0 unless checked)
 * @param parts       its image by object, segment and kind ({@code --format folded})
 */
public record ProcessSummary(int pid, String command, long vszBytes, Usage usage, boolean hasPss,
                             Map<Kind, KindTotal> byKind, int elfObjects, int mismatches, List<ImagePart> parts) {

    public ProcessSummary {
        byKind = KindTotal.copyOf(byKind);
        parts = List.copyOf(parts);
    }

    static ProcessSummary of(int pid, String command, AddressImage image) {
        int elf = 0;
        int mismatches = 0;
        for (ObjectImage o : image.objects()) {
            if (o.prediction().isPresent()) {
                elf++;
                if (o.prediction().get().status() == Prediction.Status.MISMATCH) {
                    mismatches++;
                }
            }
        }
        // one walk of the regions: the parts (for --format folded), and the kinds summed from them
        List<ImagePart> parts = ImagePart.of(image);
        return new ProcessSummary(pid, command, image.vszBytes(), image.usage(), image.hasPss(), ImagePart.byKind(parts),
                elf, mismatches, parts);
    }
}
