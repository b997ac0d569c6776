package org.elfmap.explain;

import org.elfmap.space.ByteSum;
import org.elfmap.space.Usage;
import org.elfmap.space.KindTotal;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ImageNote;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elfmap.BadInputException;
import org.elfmap.space.Kind;
import org.elfmap.maps.LiveProcess;

/**
 * {@code top}: explains every process of the machine and sums what the files they map cost.
 * Each process is read exactly as {@code explain PID} reads it, with one {@link FileCache} for
 * the whole scan (so libc is read once, not once per process) and, unless asked, no prediction
 * check. Processes are read in parallel: each is independent, and procfs reads are system calls.
 *
 * <p>Processes come and go during a scan: one that exits, or that this user may not read, is
 * counted in {@link SystemImage.Skipped} and the scan goes on. elfmap's own process is skipped
 * and counted too ({@code self}): its heap and threads change while its smaps is read, so its
 * figures by kind (summed from smaps) would disagree with its totals (smaps_rollup, read after),
 * and the machine's PSS by kind would exceed the machine's total.
 */
public final class SystemScan {
    private SystemScan() {
    }

    /** What reading one PID gave. */
    private sealed interface Outcome {
        record Read(ProcessSummary summary, List<ObjectImage> files) implements Outcome {
        }

        record KernelThread() implements Outcome {
        }

        record Skip(LiveProcess.Unreadable.Why why) implements Outcome {
        }

        record Failed(String reason) implements Outcome {
        }
    }

    public static SystemImage scan(ExplainOptions options) {
        return scan(options, ProcessHandle.current().pid());
    }

    /** The scan, leaving out the process {@code self} (elfmap itself; a test may name another). */
    static SystemImage scan(ExplainOptions options, long self) {
        LiveProcess proc = options.proc();
        ExplainOptions each = options.withMaxListed(0);
        List<Integer> pids = proc.pids();
        int skippedSelf = pids.stream().anyMatch(pid -> pid == self) ? 1 : 0;
        List<Outcome> outcomes = pids.parallelStream().filter(pid -> pid != self).map(pid -> read(proc, pid, each))
                .toList();

        List<ProcessSummary> processes = new ArrayList<>();
        Map<String, Acc> files = new LinkedHashMap<>();
        int kernel = 0;
        int exited = 0;
        int denied = 0;
        int failed = 0;
        String firstFailure = "";
        for (Outcome o : outcomes) {
            if (o instanceof Outcome.Read r) {
                processes.add(r.summary());
                for (ObjectImage f : r.files()) {
                    files.computeIfAbsent(f.path() + "\0" + f.identity(), k -> new Acc(f.path(), f.identity())).add(f);
                }
            } else if (o instanceof Outcome.KernelThread) {
                kernel++;
            } else if (o instanceof Outcome.Skip s) {
                if (s.why() == LiveProcess.Unreadable.Why.DENIED) {
                    denied++;
                } else {
                    exited++;
                }
            } else if (o instanceof Outcome.Failed f) {
                failed++;
                firstFailure = firstFailure.isEmpty() ? f.reason() : firstFailure;
            }
        }
        List<SharedObjectCost> objects = files.values().stream().map(Acc::cost)
                // largest PSS first, then largest VSZ (own lambda: the JDK's comparator factories
                // spin theirs on first use, ~5 ms; ours come from the AOT cache)
                .sorted((a, b) -> a.usage().pssBytes() != b.usage().pssBytes()
                        ? Long.compare(b.usage().pssBytes(), a.usage().pssBytes()) : Long.compare(b.vszBytes(), a.vszBytes()))
                .toList();
        List<ImageNote> notes = new ArrayList<>();
        if (processes.stream().anyMatch(p -> !p.hasPss())) {
            notes.add(new ExplainNote.SomeSmapsDenied());
        }
        return new SystemImage(processes, objects,
                new SystemImage.Skipped(kernel, skippedSelf, exited, denied, failed, firstFailure), notes);
    }

    private static Outcome read(LiveProcess proc, int pid, ExplainOptions options) {
        try {
            // one stat read gives the name (as /proc/PID/comm has it) and the start time the read is checked with
            LiveProcess.Reading reading = proc.open(pid);
            String command = reading.stat().command();
            AddressImage image = Explainer.read(reading, options);
            // files only: [heap], [stack], [anon] and the kernel's [vdso]... are each process's own
            List<ObjectImage> files = image.objects().stream().filter(o -> o.path().startsWith("/")).toList();
            return new Outcome.Read(ProcessSummary.of(pid, command, image), files);
        } catch (Explainer.NoAddressSpace e) {
            return new Outcome.KernelThread();
        } catch (LiveProcess.Unreadable e) {
            return new Outcome.Skip(e.why());
        } catch (BadInputException e) {
            return new Outcome.Failed(e.getMessage());
        } catch (RuntimeException e) {
            // never let one odd process end the scan; the count and the first reason say it happened
            return new Outcome.Failed("pid " + pid + ": " + e);
        }
    }

    /** One file's costs, summed over the processes that map it. */
    private static final class Acc {
        private final String path;
        private final String identity;
        private int processes;
        private long vsz;
        private Usage usage = Usage.ZERO;
        private final Map<Kind, KindTotal> byKind = new EnumMap<>(Kind.class);

        Acc(String path, String identity) {
            this.path = path;
            this.identity = identity;
        }

        void add(ObjectImage o) {
            processes++;
            vsz = ByteSum.add(vsz, o.vszBytes());
            usage = usage.plus(o.usage());
            o.byKind().forEach((k, t) -> byKind.merge(k, t, KindTotal::plus));
        }

        SharedObjectCost cost() {
            return new SharedObjectCost(path, identity, processes, vsz, usage, byKind);
        }
    }
}
