package org.elfmap.output.image;

import java.util.function.Consumer;

/**
 * The predictions of a {@code predict} run over several programs, made one at a time while a
 * renderer writes them (a list of hundreds holds one at a time). Programs that cannot be read are
 * reported by the run itself, not handed over.
 */
@FunctionalInterface
public interface PredictRun {
    void forEach(Consumer<PredictView> each);
}
