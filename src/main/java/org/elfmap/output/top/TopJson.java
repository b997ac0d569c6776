package org.elfmap.output.top;

import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import org.elfmap.output.image.ImageJson;
import org.elfmap.output.Words;
import java.io.PrintWriter;
import java.util.List;
import org.elfmap.explain.ProcessSummary;
import org.elfmap.explain.SharedObjectCost;
import org.elfmap.explain.SystemImage;
import org.elfmap.space.Usage;

/** {@code top --json}: the shape docs/contract.md gives under {@code top}. */
public final class TopJson implements Renderer<TopView> {
    @Override
    public void render(TopView view, PrintWriter out) {
        write(out, view.image(), view.processes(), view.objects());
    }

    static void write(PrintWriter out, SystemImage image, List<ProcessSummary> processes,
                      List<SharedObjectCost> objects) {
        JsonOutput j = new JsonOutput(out);
        j.startObject();
        j.startObject("totals");
        j.field("processes", image.processes().size());
        j.field("vszBytes", image.vszBytes());
        usage(j, image.usage());
        j.endObject();
        ImageJson.byKind(j, image.byKind(), true, true);
        SystemImage.Skipped s = image.skipped();
        j.startObject("skipped");
        j.field("self", s.self());
        j.field("exited", s.exited());
        j.field("denied", s.denied());
        j.field("failed", s.failed());
        if (!s.firstFailure().isEmpty()) {
            j.field("firstFailure", s.firstFailure());
        }
        j.field("kernelThreads", s.kernelThreads());
        j.endObject();
        j.startArray("processes");
        for (ProcessSummary p : processes) {
            j.startObject();
            j.field("pid", p.pid());
            j.field("command", p.command());
            j.field("vszBytes", p.vszBytes());
            if (p.hasPss()) {
                usage(j, p.usage());
            }
            ImageJson.byKind(j, p.byKind(), p.hasPss(), p.hasPss());
            j.field("elfObjects", p.elfObjects());
            j.field("mismatches", p.mismatches());
            j.startArray("mismatched");
            for (ProcessSummary.Mismatched m : p.mismatched()) {
                j.startObject();
                j.field("path", m.path());
                j.startArray("differences");
                Words.differences(m.prediction()).forEach(j::value);
                j.endArray();
                j.endObject();
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
        j.startArray("objects");
        for (SharedObjectCost o : objects) {
            j.startObject();
            j.field("path", o.path());
            j.field("identity", o.identity());
            j.field("processes", o.processes());
            j.field("vszBytes", o.vszBytes());
            usage(j, o.usage());
            j.field("gapBytes", o.gapBytes());
            ImageJson.byKind(j, o.byKind(), true, true);
            j.endObject();
        }
        j.endArray();
        j.startArray("notes");
        image.notes().forEach(n -> j.value(Words.imageNote(n)));
        j.endArray();
        j.endObject();
        j.close();
        out.println();
    }

    private static void usage(JsonOutput j, Usage u) {
        j.field("rssBytes", u.rssBytes());
        j.field("pssBytes", u.pssBytes());
        if (u.swapBytes() > 0) {
            j.field("swapBytes", u.swapBytes());
        }
    }
}
