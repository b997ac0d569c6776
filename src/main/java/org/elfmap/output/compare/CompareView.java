package org.elfmap.output.compare;

import org.elfmap.compare.Comparison;
import org.elfmap.space.AddressImage;

/**
 * What {@code compare} shows: the comparison, and the two images it was made from (the pictures
 * draw both sides); {@code byKind} lists every object's kinds, not only its total.
 */
public record CompareView(Comparison comparison, AddressImage a, AddressImage b, boolean byKind) {
}
