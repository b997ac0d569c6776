package org.elfmap.output.compare;

import org.elfmap.output.Sizes;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.compare.Comparison;

/** What a comparison's difference is made of, in sentences (table output and JSON's "explanation"). */
final class CompareWords {
    private CompareWords() {
    }

    /** Objects named per kind; the rest are counted. */
    static final int LISTED = 3;

    private static String signed(long bytes) {
        return (bytes > 0 ? "+" : "-") + Sizes.human(Math.abs(bytes));
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
                    + (base > 0 ? " (+" + Sizes.percent(100.0 * Math.abs(delta) / base) + "%)" : "") + scope + ":");
        }
        for (Comparison.KindShare s : c.shares().subList(0, Math.min(4, c.shares().size()))) {
            StringBuilder b = new StringBuilder("  ").append(s.kind().label()).append(' ')
                    .append(signed(s.deltaBytes()));
            if (delta != 0) {
                b.append(" (").append(Sizes.percent(100 * s.share())).append("% of the difference)");
            }
            List<Comparison.ObjectShare> by = s.byObject();
            if (by.size() == 1) {
                b.append(", all in ").append(by.get(0).name());
            } else if (!by.isEmpty()) {
                // the objects that carry most of it, each with its own difference: never an average
                b.append(':');
                for (int i = 0; i < Math.min(LISTED, by.size()); i++) {
                    b.append(i == 0 ? " " : ", ").append(by.get(i).name()).append(' ').append(signed(by.get(i).deltaBytes()));
                }
                if (by.size() > LISTED) {
                    b.append(" and ").append(by.size() - LISTED).append(" more");
                }
            }
            out.add(b.toString());
        }
        return out;
    }
}
