package org.elfmap.output.image;

import org.elfmap.space.AddressImage;

/** What {@code explain} shows: an observed (or listed) address image; {@code verbose} lists every mapping. */
public record ExplainView(AddressImage image, boolean verbose) {
}
