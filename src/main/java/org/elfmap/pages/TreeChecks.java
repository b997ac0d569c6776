package org.elfmap.pages;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.elfmap.BadInputException;

/**
 * The files of one tree walk checked on every CPU, a bounded number ahead of the walk, and what
 * each gave (its verdicts, or why it could not be read) handed to the checker's consumers in walk
 * order, on the walking thread: the report is the one a plain loop writes, while the walk
 * (a directory read and a stat per entry) and the files' reads overlap. Measured over /usr
 * (147,000 files, 2 CPUs): README "Performance".
 */
final class TreeChecks {
    /** Files in flight per CPU, and at most whatever the CPU count: what is held ahead stays small. */
    private static final int AHEAD_PER_CPU = 16;
    private static final int AHEAD_MAX = 64;

    /** What checking one file, or meeting one unreadable directory, gave. */
    private sealed interface Event {
        record Verdict(FileVerdict verdict) implements Event {
        }

        record NotChecked(BadInputException why) implements Event {
        }
    }

    /** Checks one file, telling its own consumers: a checker of its own, safe on any thread. */
    interface FileCheck {
        void check(Path file, Consumer<FileVerdict> sink, Consumer<BadInputException> notChecked) throws java.io.IOException;
    }

    private final FileCheck check;
    private final Consumer<FileVerdict> sink;
    private final Consumer<BadInputException> notChecked;
    private final int window;
    private final ArrayDeque<CompletableFuture<List<Event>>> ahead = new ArrayDeque<>();

    TreeChecks(FileCheck check, Consumer<FileVerdict> sink, Consumer<BadInputException> notChecked) {
        this.check = check;
        this.sink = sink;
        this.notChecked = notChecked;
        this.window = Math.min(Runtime.getRuntime().availableProcessors() * AHEAD_PER_CPU, AHEAD_MAX);
    }

    /** Whether a pool pays: on one CPU the walk and the reads cannot overlap. */
    static boolean worthIt() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Starts checking {@code file}; what it gives is handed over after everything before it. */
    void file(Path file) {
        make(CompletableFuture.supplyAsync(() -> {
            List<Event> events = new ArrayList<>(1);
            try {
                check.check(file, v -> events.add(new Event.Verdict(v)), e -> events.add(new Event.NotChecked(e)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return events;
        }));
    }

    /** A directory that could not be read, in its place among the files. */
    void unreadable(BadInputException why) {
        make(CompletableFuture.completedFuture(List.of(new Event.NotChecked(why))));
    }

    private void make(CompletableFuture<List<Event>> f) {
        ahead.add(f);
        while (ahead.size() > window) {
            hand(ahead.poll());
        }
    }

    /** Hands over everything still in flight, in order. */
    void drain() {
        while (!ahead.isEmpty()) {
            hand(ahead.poll());
        }
    }

    private void hand(CompletableFuture<List<Event>> f) {
        List<Event> events;
        try {
            events = f.join();
        } catch (CompletionException e) {
            // what the check threw, as the plain loop would have thrown it: nothing after it is
            // reported (the plain loop never got to it), so what is in flight is dropped
            ahead.clear();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        for (Event ev : events) {
            if (ev instanceof Event.Verdict v) {
                sink.accept(v.verdict());
            } else if (ev instanceof Event.NotChecked n) {
                notChecked.accept(n.why());
            }
        }
    }
}
