package org.elfmap.output.folded;

import java.io.PrintWriter;
import org.elfmap.explain.ProcessSummary;
import org.elfmap.output.Renderer;
import org.elfmap.output.top.TopView;

/**
 * {@code top --format folded}: every process's image by object, segment and kind
 * ({@link FoldedLines}), the process frame being {@code command (pid)}, weighed by what
 * {@code --sort} orders by (PSS unless asked). The lines of one process add up to its
 * {@code byKind} in the JSON, and all of them to the machine's {@code byKind}.
 */
public final class TopFolded implements Renderer<TopView> {
    @Override
    public void render(TopView view, PrintWriter out) {
        for (ProcessSummary p : view.processes()) {
            FoldedLines.write(out, p.command() + " (" + p.pid() + ")", p.parts(), view.sortedBy());
        }
    }
}
