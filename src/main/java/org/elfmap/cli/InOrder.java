package org.elfmap.cli;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Does the work for a sequence of inputs on the common pool, a bounded number ahead of the
 * consumer, and hands the results over in input order: a run over thousands of files (layout
 * {@code @LIST}) uses every CPU while its output stays streamed and in the order given. One
 * input, or one CPU, is a plain loop: no pool is started for {@code layout /bin/ls}.
 */
final class InOrder {
    /** Inputs in flight per CPU: enough to hide a slow file, few enough to keep memory flat. */
    private static final int AHEAD_PER_CPU = 16;
    /** Inputs in flight at most, whatever the CPU count: what is held ahead is bounded on any machine. */
    private static final int AHEAD_MAX = 64;

    private InOrder() {
    }

    /**
     * {@code each} is called on this thread with {@code work}'s result for every input, in order.
     * {@code work} must be safe to run on several threads at once; what it throws is rethrown
     * here, unwrapped, when its input's turn comes.
     */
    static <T, R> void forEach(Iterable<T> inputs, Function<T, R> work, Consumer<R> each) {
        Iterator<T> it = inputs.iterator();
        if (!it.hasNext()) {
            return;
        }
        T first = it.next();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2 || !it.hasNext()) {
            each.accept(work.apply(first));
            it.forEachRemaining(t -> each.accept(work.apply(t)));
            return;
        }
        int window = Math.min(cpus * AHEAD_PER_CPU, AHEAD_MAX);
        ArrayDeque<CompletableFuture<R>> ahead = new ArrayDeque<>(window);
        ahead.add(CompletableFuture.supplyAsync(() -> work.apply(first)));
        boolean more = true;
        while (!ahead.isEmpty()) {
            while (more && ahead.size() < window) {
                // reading the inputs may fail (a missing @LIST): that failure takes its place in
                // the order, after the results of the inputs before it, as in the plain loop
                try {
                    if (!it.hasNext()) {
                        more = false;
                        break;
                    }
                    T t = it.next();
                    ahead.add(CompletableFuture.supplyAsync(() -> work.apply(t)));
                } catch (RuntimeException e) {
                    ahead.add(CompletableFuture.failedFuture(e));
                    more = false;
                }
            }
            each.accept(join(ahead.poll()));
        }
    }

    private static <R> R join(CompletableFuture<R> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
