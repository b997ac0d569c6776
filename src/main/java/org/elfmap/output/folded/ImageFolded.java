package org.elfmap.output.folded;

import java.io.PrintWriter;
import org.elfmap.output.Renderer;
import org.elfmap.output.image.ExplainView;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ImagePart;
import org.elfmap.space.Measure;

/**
 * {@code explain --format folded}: one line per object, segment and kind ({@link FoldedLines}),
 * weighed by VSZ, the process frame being the image's source ({@code pid 1234}, the capture's
 * name). The lines add up to the JSON's {@code byKind} and {@code totals.vszBytes}.
 */
public final class ImageFolded implements Renderer<ExplainView> {
    @Override
    public void render(ExplainView view, PrintWriter out) {
        lines(out, view.image());
    }

    static void lines(PrintWriter out, AddressImage image) {
        FoldedLines.write(out, image.source(), ImagePart.of(image), Measure.VSZ);
    }
}
