package org.elfmap.output.top;

import org.elfmap.output.Table;
import org.elfmap.output.Sizes;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.elfmap.space.KindTotal;
import org.elfmap.explain.ProcessSummary;
import org.elfmap.explain.SharedObjectCost;
import org.elfmap.explain.SystemImage;
import org.elfmap.space.Prediction;
import org.elfmap.space.Usage;
import org.elfmap.space.Kind;

/** {@code top} as tables: the machine by kind, the largest processes, the costliest files. */
public final class TopText implements Renderer<TopView> {
    /** The kinds a process row shows; the rest are in the machine's by-kind table. */
    private static final List<Kind> COLUMNS = List.of(Kind.TEXT, Kind.RODATA, Kind.DATA, Kind.BSS, Kind.GAP, Kind.HEAP,
            Kind.ANON, Kind.FILE);

    @Override
    public void render(TopView view, PrintWriter out) {
        print(out, view.image(), view.processes(), view.objects(), view.limit());
    }

    static void print(PrintWriter out, SystemImage image, List<ProcessSummary> processes,
                      List<SharedObjectCost> objects, int limit) {
        Usage u = image.usage();
        int count = image.processes().size();
        out.println(count + (count == 1 ? " process" : " processes") + ": VSZ " + Sizes.human(image.vszBytes()) + ", RSS "
                + Sizes.human(u.rssBytes()) + ", PSS " + Sizes.human(u.pssBytes()));
        SystemImage.Skipped s = image.skipped();
        StringBuilder skipped = new StringBuilder();
        if (s.total() > 0) {
            skipped.append("skipped ").append(s.total()).append(" (");
            skipped.append(String.join(", ", List.of(
                    s.self() > 0 ? "elfmap itself (it changes as it reads)" : "",
                    s.exited() > 0 ? s.exited() + " exited during the scan" : "",
                    s.denied() > 0 ? s.denied() + " permission denied" : "",
                    s.failed() > 0 ? s.failed() + " unreadable: " + s.firstFailure() : "")
                    .stream().filter(x -> !x.isEmpty()).toList()));
            skipped.append("); ");
        }
        out.println(skipped + "" + s.kernelThreads() + " kernel threads (no address space)");
        image.notes().forEach(n -> out.println("note: " + Words.imageNote(n)));

        out.println();
        out.println("By kind, all processes (a shared page counts in each RSS, once in PSS):");
        Table kinds = new Table("KIND", "VSZ KiB", "RSS KiB", "PSS KiB").right(1, 2, 3);
        for (Map.Entry<Kind, KindTotal> e : image.byKind().entrySet()) {
            KindTotal t = e.getValue();
            kinds.row(e.getKey().label(), Sizes.kib(t.vszBytes()), Sizes.kib(t.usage().rssBytes()),
                    Sizes.kib(t.usage().pssBytes()));
        }
        kinds.print(out, "  ");

        out.println();
        out.println("Processes (" + Math.min(limit, processes.size()) + " of " + processes.size() + ", KiB):");
        String[] head = new String[6 + COLUMNS.size()];
        head[0] = "PID";
        head[1] = "COMMAND";
        head[2] = "VSZ";
        head[3] = "RSS";
        head[4] = "PSS";
        for (int i = 0; i < COLUMNS.size(); i++) {
            head[5 + i] = COLUMNS.get(i).label().toUpperCase(java.util.Locale.ROOT);
        }
        head[head.length - 1] = "ELF";
        Table table = new Table(head).right(rightColumns(head.length));
        for (ProcessSummary p : processes.subList(0, Math.min(limit, processes.size()))) {
            Object[] row = new Object[head.length];
            row[0] = p.pid();
            row[1] = p.command();
            row[2] = Sizes.kib(p.vszBytes());
            row[3] = p.hasPss() ? Sizes.kib(p.usage().rssBytes()) : "-";
            row[4] = p.hasPss() ? Sizes.kib(p.usage().pssBytes()) : "-";
            for (int i = 0; i < COLUMNS.size(); i++) {
                KindTotal t = p.byKind().get(COLUMNS.get(i));
                row[5 + i] = t == null ? "-" : Sizes.kib(t.vszBytes());
            }
            row[head.length - 1] = p.elfObjects() + (p.mismatches() > 0 ? " (" + p.mismatches() + " mismatch)" : "");
            table.row(row);
        }
        table.print(out, "  ");

        out.println();
        out.println("Files that cost most, summed over the processes that map them (KiB):");
        files(out, objects, limit);

        List<SharedObjectCost> gaps = objects.stream().filter(o -> o.gapBytes() > 0)
                .sorted((a, b) -> Long.compare(b.gapBytes(), a.gapBytes())).toList(); // own lambda: from the AOT cache
        out.println();
        if (gaps.isEmpty()) {
            out.println("No file leaves a gap between its segments in any process.");
        } else {
            long total = gaps.stream().mapToLong(SharedObjectCost::gapBytes).sum();
            out.println("Files whose gaps take most address space (" + Sizes.human(total) + " of gaps in all; a gap"
                    + " is reserved, never resident):");
            files(out, gaps, limit);
        }
        mismatches(out, processes);
    }

    /**
     * Every ELF object that differs from its prediction ({@code --check}), with the process that
     * maps it and its first difference: what exit code 1 is about. Not limited by {@code --limit}.
     */
    static void mismatches(PrintWriter out, List<ProcessSummary> processes) {
        List<ProcessSummary> with = processes.stream().filter(p -> p.mismatches() > 0).toList();
        if (with.isEmpty()) {
            return;
        }
        out.println();
        out.println("Objects whose mappings differ from their prediction (the first difference of each;"
                + " 'elfmap explain -v PID' lists all):");
        for (ProcessSummary p : with) {
            for (ProcessSummary.Mismatched m : p.mismatched()) {
                Prediction v = m.prediction();
                int n = v.differences().size();
                String first = n == 0 ? "differs" : Words.difference(v.differences().get(0));
                String more = n > 1 ? " (and " + (n - 1) + (v.truncated() ? "+" : "") + " more)"
                        : v.truncated() ? " (and more)" : "";
                out.println("  " + p.pid() + " " + p.command() + " " + m.path()
                        + v.against().map(j -> ", " + Words.judge(j)).orElse(":") + " " + first + more);
            }
        }
    }

    private static void files(PrintWriter out, List<SharedObjectCost> objects, int limit) {
        Table t = new Table("FILE", "PROCS", "VSZ", "RSS", "PSS", "GAP").right(1, 2, 3, 4, 5);
        for (SharedObjectCost o : objects.subList(0, Math.min(limit, objects.size()))) {
            t.row(o.path(), o.processes(), Sizes.kib(o.vszBytes()), Sizes.kib(o.usage().rssBytes()),
                    Sizes.kib(o.usage().pssBytes()), o.gapBytes() > 0 ? Sizes.kib(o.gapBytes()) : "-");
        }
        t.print(out, "  ");
    }

    private static int[] rightColumns(int n) {
        int[] out = new int[n - 2];
        for (int i = 2; i < n; i++) {
            out[i - 2] = i;
        }
        return out;
    }
}
