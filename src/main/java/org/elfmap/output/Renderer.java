package org.elfmap.output;

import java.io.PrintWriter;

/**
 * Writes one command's result in one format. Each (result, format) pair is one class; the
 * commands choose theirs through {@link Renderers}, the one place that says which formats each
 * command has.
 *
 * @param <R> the command's result (an address image, a comparison, a stream of layouts...)
 */
@FunctionalInterface
public interface Renderer<R> {
    void render(R result, PrintWriter out);
}
