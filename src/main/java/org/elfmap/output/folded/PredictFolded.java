package org.elfmap.output.folded;

import java.io.PrintWriter;
import org.elfmap.output.Renderer;
import org.elfmap.output.image.PredictView;

/** {@code predict --format folded}: the predicted image as {@code explain} folds one ({@code predicted /path/to/exe;...}). */
public final class PredictFolded implements Renderer<PredictView> {
    @Override
    public void render(PredictView view, PrintWriter out) {
        ImageFolded.lines(out, view.prediction().image());
    }
}
