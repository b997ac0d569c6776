package org.elfmap.output.top;

import java.util.List;
import org.elfmap.space.Measure;
import org.elfmap.explain.ProcessSummary;
import org.elfmap.explain.SharedObjectCost;
import org.elfmap.explain.SystemImage;

/**
 * What {@code top} shows: the machine, its processes and files in the order asked for
 * ({@code sortedBy}, which also weighs folded stacks), and how many rows the tables list
 * ({@code limit}; JSON lists all).
 */
public record TopView(SystemImage image, List<ProcessSummary> processes, List<SharedObjectCost> objects, int limit,
                      Measure sortedBy) {
    public TopView {
        processes = List.copyOf(processes);
        objects = List.copyOf(objects);
    }
}
