package org.elfmap.space;

/**
 * Something the reader of an address image should know about it as a whole: what the input
 * could not say, how totals were made, what a prediction leaves out. Each package that makes
 * images has its own small sealed family of these ({@code maps.ReadNote},
 * {@code explain.ExplainNote}, {@code deps.PredictNote}); the output layer writes the sentences.
 */
public interface ImageNote {
}
