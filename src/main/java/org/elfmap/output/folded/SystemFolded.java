package org.elfmap.output.folded;

import java.io.PrintWriter;
import java.util.List;
import org.elfmap.explain.ProcessSummary;

/**
 * {@code top} as folded stacks ({@link FoldedLines}): every process's image by object, segment and
 * kind, the process frame being {@code command (pid)}. The lines of one process add up to its
 * {@code byKind} in the JSON, and all of them to the machine's {@code byKind}.
 */
public final class SystemFolded {
    private SystemFolded() {
    }

    /** @param processes the processes in the order to print them (the JSON's order) */
    public static void write(PrintWriter out, List<ProcessSummary> processes, Metric metric) {
        for (ProcessSummary p : processes) {
            FoldedLines.write(out, p.command() + " (" + p.pid() + ")", p.parts(), metric);
        }
    }
}
