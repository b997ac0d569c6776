package org.elfmap.output.image;

import java.io.PrintWriter;
import org.elfmap.output.Renderer;

/**
 * {@code predict --format json}: the predicted image in the shape {@code explain} prints (contract
 * "JSON"), with how the closure was resolved after {@code source} and {@code format}.
 */
public final class PredictJson implements Renderer<PredictView> {
    @Override
    public void render(PredictView view, PrintWriter out) {
        ImageJson.document(out, view.prediction().image(), j -> ClosureJson.header(j, view.prediction().closure()));
    }
}
