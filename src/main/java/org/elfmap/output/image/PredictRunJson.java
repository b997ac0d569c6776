package org.elfmap.output.image;

import java.io.PrintWriter;
import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;

/** {@code predict --format json} over several programs: an array of what each gives alone (contract "JSON"). */
public final class PredictRunJson implements Renderer<PredictRun> {
    @Override
    public void render(PredictRun run, PrintWriter out) {
        JsonOutput j = new JsonOutput(out);
        j.startArray();
        run.forEach(view -> ImageJson.write(j, view.prediction().image(),
                h -> ClosureJson.header(h, view.prediction().closure())));
        j.endArray();
        j.close();
        out.println();
    }
}
