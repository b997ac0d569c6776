package org.elfmap.output.compare;

import org.elfmap.output.Sizes;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.compare.Comparison;

/** What a comparison's difference is made of, in sentences (table output and JSON's "explanation"). */
final class CompareWords {
    private CompareWords() {
    }

    static List<String> explanation(Comparison c) {
        long[] t = c.explainedTotals();
        long delta = t[1] - t[0];
        String scope = c.elfOnly() ? " (ELF objects; one side is a prediction)" : "";
        List<String> out = new ArrayList<>();
        if (delta == 0) {
            out.add("A and B take the same address space" + scope + ".");
        } else {
            String bigger = delta > 0 ? "B" : "A";
            long base = delta > 0 ? t[0] : t[1];
            out.add(bigger + " is " + Sizes.human(Math.abs(delta)) + " larger than " + (delta > 0 ? "A" : "B")
                    + (base > 0 ? String.format(" (+%.0f%%)", 100.0 * Math.abs(delta) / base) : "") + scope + ":");
        }
        for (Comparison.KindShare s : c.shares().subList(0, Math.min(4, c.shares().size()))) {
            StringBuilder b = new StringBuilder("  ").append(s.kind().label()).append(' ')
                    .append(s.deltaBytes() > 0 ? "+" : "-").append(Sizes.human(Math.abs(s.deltaBytes())));
            if (delta != 0) {
                b.append(String.format(" (%.0f%% of the difference)", 100 * s.share()));
            }
            int n = s.objects().size();
            if (n == 1) {
                b.append(", all in ").append(s.objects().get(0));
            } else if (n > 1) {
                b.append(", about ").append(Sizes.human(Math.abs(s.deltaBytes()) / n)).append(" per object in ")
                        .append(n).append(" objects");
            }
            out.add(b.toString());
        }
        return out;
    }
}
