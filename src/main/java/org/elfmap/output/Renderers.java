package org.elfmap.output;

import java.util.EnumSet;
import java.util.Set;
import org.elfmap.BadInputException;
import org.elfmap.output.compare.CompareJson;
import org.elfmap.output.compare.CompareText;
import org.elfmap.output.compare.CompareView;
import org.elfmap.output.folded.ImageFolded;
import org.elfmap.output.folded.PredictFolded;
import org.elfmap.output.folded.TopFolded;
import org.elfmap.output.html.CompareSides;
import org.elfmap.output.html.HtmlReport;
import org.elfmap.output.image.ExplainView;
import org.elfmap.output.image.ImageJson;
import org.elfmap.output.image.ImageText;
import org.elfmap.output.image.PredictJson;
import org.elfmap.output.image.PredictText;
import org.elfmap.output.image.PredictRun;
import org.elfmap.output.image.PredictRunJson;
import org.elfmap.output.image.PredictRunText;
import org.elfmap.output.image.PredictView;
import org.elfmap.output.layout.LayoutJson;
import org.elfmap.output.layout.LayoutRun;
import org.elfmap.output.layout.LayoutText;
import org.elfmap.output.pages.CheckJson;
import org.elfmap.output.pages.CheckRun;
import org.elfmap.output.pages.CheckText;
import org.elfmap.output.pages.CheckGithub;
import org.elfmap.output.pages.CheckJunit;
import org.elfmap.output.pages.CheckSarif;
import org.elfmap.output.top.TopJson;
import org.elfmap.output.top.TopText;
import org.elfmap.output.top.TopView;

/**
 * Which formats each command writes, and the renderer class for each: the one place to look
 * when adding a format (a renderer class per command that has it, a line in its switch and its
 * label in {@link #formats}). Only the renderer that is asked for is created.
 */
public final class Renderers {
    private Renderers() {
    }

    public static Renderer<LayoutRun> layout(Format f) {
        return require("layout", f, layoutFor(f));
    }

    private static Renderer<LayoutRun> layoutFor(Format f) {
        return switch (f) {
            case TEXT -> new LayoutText();
            case JSON -> new LayoutJson();
            default -> null;
        };
    }

    public static Renderer<ExplainView> explain(Format f) {
        return require("explain", f, explainFor(f));
    }

    private static Renderer<ExplainView> explainFor(Format f) {
        return switch (f) {
            case TEXT -> new ImageText();
            case JSON -> new ImageJson();
            case HTML -> new HtmlReport<>("explain", new ImageJson());
            case FOLDED -> new ImageFolded();
            default -> null;
        };
    }

    public static Renderer<PredictView> predict(Format f) {
        return require("predict", f, predictFor(f));
    }

    private static Renderer<PredictView> predictFor(Format f) {
        return switch (f) {
            case TEXT -> new PredictText();
            case JSON -> new PredictJson();
            case HTML -> new HtmlReport<>("predict", new PredictJson());
            case FOLDED -> new PredictFolded();
            default -> null;
        };
    }

    /** {@code predict} over several programs: the same formats as one ({@link #predict}). */
    public static Renderer<PredictRun> predictRun(Format f) {
        return switch (f) {
            case TEXT -> new PredictRunText();
            case JSON -> new PredictRunJson();
            default -> throw formats("predict").contains(f)
                    ? new BadInputException("--format", "predict writes " + f.label() + " for one program only")
                    : unwritten("predict", f);
        };
    }

    public static Renderer<CompareView> compare(Format f) {
        return require("compare", f, compareFor(f));
    }

    private static Renderer<CompareView> compareFor(Format f) {
        return switch (f) {
            case TEXT -> new CompareText();
            case JSON -> new CompareJson();
            case HTML -> new HtmlReport<>("compare", new CompareJson(), CompareSides::of);
            default -> null;
        };
    }

    public static Renderer<TopView> top(Format f) {
        return require("top", f, topFor(f));
    }

    private static Renderer<TopView> topFor(Format f) {
        return switch (f) {
            case TEXT -> new TopText();
            case JSON -> new TopJson();
            case HTML -> new HtmlReport<>("top", new TopJson());
            case FOLDED -> new TopFolded();
            default -> null;
        };
    }

    public static Renderer<CheckRun> checkPages(Format f) {
        return require("check-pages", f, checkPagesFor(f));
    }

    private static Renderer<CheckRun> checkPagesFor(Format f) {
        return switch (f) {
            case TEXT -> new CheckText();
            case JSON -> new CheckJson();
            case SARIF -> new CheckSarif();
            case JUNIT -> new CheckJunit();
            case GITHUB -> new CheckGithub();
            default -> null;
        };
    }

    /**
     * The formats {@code command} writes, for its help and its errors: a fixed set, so that asking
     * creates no renderer (RenderersTest checks it against the switches above).
     */
    public static Set<Format> formats(String command) {
        return switch (command) {
            case "layout" -> EnumSet.of(Format.TEXT, Format.JSON);
            case "explain", "predict", "top" -> EnumSet.of(Format.TEXT, Format.JSON, Format.HTML, Format.FOLDED);
            case "compare" -> EnumSet.of(Format.TEXT, Format.JSON, Format.HTML);
            case "check-pages" -> EnumSet.of(Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.GITHUB);
            default -> throw new IllegalArgumentException(command);
        };
    }

    private static <R> Renderer<R> require(String command, Format f, Renderer<R> r) {
        if (r == null) {
            throw unwritten(command, f);
        }
        return r;
    }

    private static BadInputException unwritten(String command, Format f) {
        return new BadInputException("--format", command + " does not write " + f.label() + " (it writes "
                + String.join(", ", formats(command).stream().map(Format::label).toList()) + ")");
    }
}
