package org.elfmap.output.image;

import org.elfmap.deps.ProgramPrediction;

/** What {@code predict} shows: the closure and its predicted image; {@code treeOnly} shows the tree alone. */
public record PredictView(ProgramPrediction prediction, boolean treeOnly) {
}
