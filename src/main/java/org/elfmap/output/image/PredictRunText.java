package org.elfmap.output.image;

import java.io.PrintWriter;
import org.elfmap.output.Renderer;

/** {@code predict} over several programs: each program's text as alone, a blank line between. */
public final class PredictRunText implements Renderer<PredictRun> {
    @Override
    public void render(PredictRun run, PrintWriter out) {
        PredictText one = new PredictText();
        boolean[] first = {true};
        run.forEach(view -> {
            if (!first[0]) {
                out.println();
            }
            first[0] = false;
            one.render(view, out);
            out.flush();
        });
    }
}
