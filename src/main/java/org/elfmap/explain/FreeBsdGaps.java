package org.elfmap.explain;

import java.util.Optional;
import org.elfmap.loader.FreeBsdRelease;
import org.elfmap.maps.MapsEntry;
import org.elfmap.space.Backing;

/**
 * How a FreeBSD capture's untouched {@code PROT_NONE} entries between an object's segments are
 * read. {@code /proc/PID/map} ({@code sys/fs/procfs/procfs_map.c}) prints an entry without a VM
 * object as {@code 0 --- ... none}, whether it is a {@code MAP_GUARD} entry or anonymous memory
 * never touched, and {@code procstat -v} of 8–11 prints rtld's anonymous reservation as type
 * {@code --}: the two differ only in VSZ ({@code vm_map_insert} adds a guard to {@code map->size}
 * never, anonymous memory always), and the release decides which rtld made. 12+ rtld reserves
 * with {@code MAP_GUARD} (read as guards, not in VSZ); 8–11 with {@code MAP_ANON | PROT_NONE}
 * (read as reservations, in VSZ). A {@code procstat} {@code gd} entry is a guard whatever the
 * release. Counts what it re-read, for the image's note.
 */
final class FreeBsdGaps {
    private final FreeBsdRelease release;
    private final boolean chosen;
    private long read;

    /**
     * @param release the capture's release: the {@code --loader freebsd@N} asked for, else current
     * @param chosen  whether the user named it
     */
    FreeBsdGaps(FreeBsdRelease release, boolean chosen) {
        this.release = release;
        this.chosen = chosen;
    }

    /** What backs {@code e}, an entry that lies in an object's gap. */
    Backing backingOf(MapsEntry e) {
        if (e.isFile() || !e.prot().none() || e.backing() != Backing.ANON) {
            return e.backing();
        }
        read++;
        return release.reservation() == Backing.GUARD ? Backing.GUARD : Backing.ANON;
    }

    /** The note saying which reading was chosen and why, when any entry needed it. */
    Optional<ExplainNote> note() {
        if (read == 0) {
            return Optional.empty();
        }
        return Optional.of(new ExplainNote.FreeBsdGapReading(release.major(),
                release.reservation() == Backing.GUARD, chosen, read));
    }
}
