package org.elfmap.explain;

import java.util.OptionalLong;
import org.elfmap.maps.LiveProcess;

/**
 * What a live process tells about its mapped files beyond its map: which file it runs
 * ({@code /proc/PID/exe}). Absent for a capture.
 *
 * @param exeInode the inode {@code /proc/PID/exe} leads to, read once; empty when it cannot be read
 */
record LiveFiles(LiveProcess proc, int pid, OptionalLong exeInode) {
    static LiveFiles of(LiveProcess proc, int pid) {
        return new LiveFiles(proc, pid, proc.exeInode(pid));
    }
}
