package org.elfmap.output.folded;

import java.io.PrintWriter;
import java.util.List;
import org.elfmap.Printable;
import org.elfmap.space.ImagePart;
import org.elfmap.space.Measure;

/**
 * The folded-stack format that Brendan Gregg's {@code flamegraph.pl} reads (its
 * {@code stackcollapse-*.pl} scripts write it), as do speedscope and inferno: one line per stack,
 * frames joined by {@code ;}, a space, and the weight. Here a stack is
 * {@code process;object;segment;kind} and the weight is bytes. A frame cannot hold a {@code ;}
 * (it would split) or a line break, so a {@code ;} in a name is written {@code :} and control
 * characters as {@code \xNN} ({@link Printable}). Parts that weigh nothing are left out.
 */
final class FoldedLines {
    private FoldedLines() {
    }

    static void write(PrintWriter out, String process, List<ImagePart> parts, Measure measure) {
        String proc = frame(process);
        for (ImagePart p : parts) {
            long weight = measure.of(p.total());
            if (weight <= 0) {
                continue;
            }
            out.append(proc).append(';').append(frame(p.object())).append(';')
                    .append(p.segment().isPresent() ? "segment " + p.segment().getAsInt() : "no segment").append(';')
                    .append(p.kind().label()).append(' ').append(Long.toString(weight)).append('\n');
        }
    }

    static String frame(String name) {
        return Printable.line(name).replace(';', ':');
    }
}
