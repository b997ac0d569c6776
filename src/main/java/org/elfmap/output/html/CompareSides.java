package org.elfmap.output.html;

import java.util.List;
import org.elfmap.output.compare.CompareView;
import org.elfmap.output.image.ImageJson;

/**
 * The two images a comparison was made from, for the compare page's address strips: each as
 * {@code explain} (or {@code predict}, for an executable) prints it with {@code --format json},
 * in {@code elfmap-side-a} and {@code elfmap-side-b}.
 */
public final class CompareSides {
    private CompareSides() {
    }

    public static List<HtmlPage.Document> of(CompareView view) {
        return List.of(new HtmlPage.Document("side-a", HtmlReport.printed(w -> ImageJson.document(w, view.a()))),
                new HtmlPage.Document("side-b", HtmlReport.printed(w -> ImageJson.document(w, view.b()))));
    }
}
