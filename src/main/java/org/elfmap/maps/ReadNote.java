package org.elfmap.maps;

import org.elfmap.space.ImageNote;

/** What reading a live process had to settle for. */
public sealed interface ReadNote extends ImageNote {
    /** {@code smaps} was not readable (permission denied), so {@code maps} was read: no RSS or PSS. */
    record SmapsDenied() implements ReadNote {
    }
}
