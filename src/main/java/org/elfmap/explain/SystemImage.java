package org.elfmap.explain;

import org.elfmap.space.ByteSum;
import org.elfmap.space.Usage;
import org.elfmap.space.ImageNote;
import org.elfmap.space.KindTotal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.elfmap.space.Kind;

/**
 * Every process of a machine that could be read ({@code top}), and the files they map, summed.
 *
 * @param processes the processes read, in PID order
 * @param objects   every mapped file (ELF or not), summed over the processes that map it
 * @param skipped   what could not be read, and why
 * @param notes     things the reader should know about the scan as a whole
 */
public record SystemImage(List<ProcessSummary> processes, List<SharedObjectCost> objects, Skipped skipped,
                          List<ImageNote> notes) {

    public SystemImage {
        processes = List.copyOf(processes);
        objects = List.copyOf(objects);
        notes = List.copyOf(notes);
    }

    /**
     * Processes not in the image. Kernel threads have no address space and are no failure;
     * {@code self}: elfmap's own process (1, or 0 when the procfs read is not this machine's),
     * left out because it changes while it is read; {@code exited}: gone between the directory listing and the end of reading its map;
     * {@code denied}: no permission (another user's process, without root); {@code failed}: any
     * other reason, the first of which is {@code firstFailure}.
     */
    public record Skipped(int kernelThreads, int self, int exited, int denied, int failed, String firstFailure) {
        public int total() {
            return self + exited + denied + failed;
        }
    }

    public long vszBytes() {
        return processes.stream().mapToLong(ProcessSummary::vszBytes).reduce(0, ByteSum::add);
    }

    public Usage usage() {
        return processes.stream().map(ProcessSummary::usage).reduce(Usage.ZERO, Usage::plus);
    }

    public Map<Kind, KindTotal> byKind() {
        Map<Kind, KindTotal> out = new EnumMap<>(Kind.class);
        for (ProcessSummary p : processes) {
            p.byKind().forEach((k, t) -> out.merge(k, t, KindTotal::plus));
        }
        return out;
    }
}
