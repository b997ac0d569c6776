package org.elfmap.output.folded;

import java.io.PrintWriter;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ImagePart;

/**
 * {@code explain} and {@code predict} as folded stacks ({@link FoldedLines}): one line per object,
 * segment and kind, the process frame being the image's source ({@code pid 1234}, the capture's
 * name, {@code predicted /path/to/exe}). The lines add up to the JSON's totals of the same metric.
 */
public final class ImageFolded {
    private ImageFolded() {
    }

    public static void write(PrintWriter out, AddressImage image, Metric metric) {
        FoldedLines.write(out, image.source(), ImagePart.of(image), metric);
    }
}
