package org.elfmap.explain;

import org.elfmap.space.Region;
import org.elfmap.space.ObjectImage;

import java.util.List;
import org.elfmap.maps.MapsEntry;

/**
 * Collects the entries of one object while a capture streams past, and turns them into an
 * {@link ObjectImage} at the end. Three ways to know what an entry is: from the ELF file's
 * segments ({@link ElfObjectBuilder}), from the entries' shape when the file cannot be read
 * ({@link ShapeObjectBuilder}), or by name for memory that belongs to no ELF object
 * ({@link PseudoObjectBuilder}) or for a library bionic read into anonymous memory
 * ({@link CompatObjectBuilder}).
 */
sealed interface ObjectBuilder permits ElfObjectBuilder, ShapeObjectBuilder, PseudoObjectBuilder, CompatObjectBuilder {

    /** Lowest address of the object, for ordering objects in the output. */
    long firstStart();

    /** Whether {@code e}, the next entry of the capture, continues this object. */
    boolean takes(MapsEntry e);

    /**
     * Adds {@code e} (which {@link #takes} accepted); returns the parts of it that are not this
     * object's (anonymous memory the kernel merged with a bss), for the caller to place elsewhere.
     */
    List<Region> add(MapsEntry e);

    /** Whether entries at or beyond {@code address} can still belong to it. */
    boolean openAt(long address);

    ObjectImage build(Predictor predictor);
}
