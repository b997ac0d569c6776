package org.elfmap.explain;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.elfmap.maps.LiveProcess;
import org.elfmap.maps.MapsEntry;

/**
 * What a live process tells about its mapped files beyond its map: which file it runs
 * ({@code /proc/PID/exe}) and the mapped files themselves ({@code /proc/PID/map_files}). Absent
 * for a capture.
 *
 * Nothing is read up front: {@code exe} only when a check needs it ({@link #exeInode}).
 */
record LiveFiles(LiveProcess proc, int pid) {
    static LiveFiles of(LiveProcess proc, int pid) {
        return new LiveFiles(proc, pid);
    }

    /**
     * The inode {@code /proc/PID/exe} leads to, read on each call (one stat); empty when it cannot
     * be read ({@link LiveProcess#exeInode}).
     */
    OptionalLong exeInode() {
        return proc.exeInode(pid);
    }

    /** The file entry {@code e} maps, as the process holds it ({@link LiveProcess#mapFile}). */
    Path mapFile(MapsEntry e) {
        return proc.mapFile(pid, e.start(), e.end());
    }
}
