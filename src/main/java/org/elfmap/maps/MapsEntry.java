package org.elfmap.maps;

import java.util.Optional;
import org.elfmap.explain.Usage;
import org.elfmap.loader.Prot;

/**
 * One entry of an observed address space, whatever the input format: Linux
 * {@code /proc/PID/maps}/{@code smaps}, FreeBSD {@code /proc/PID/map}, {@code procstat -v}.
 *
 * @param perms   as the format spells them ({@code r-xp} on Linux, {@code r-x} on FreeBSD)
 * @param offset  file offset of {@code start} (0 for anonymous memory)
 * @param object  identity of what is mapped: {@code dev:inode} on Linux, the VM object on FreeBSD
 * @param path    the path or pseudo-name ({@code [heap]}); empty for anonymous memory
 * @param usage   RSS/PSS when the format carries them
 * @param line    line number in the input, for messages
 */
public record MapsEntry(long start, long end, String perms, long offset, String object, String path,
                        Optional<Usage> usage, long line) {

    public Prot prot() {
        return Prot.parse(perms);
    }

    /** {@code p} (private) or {@code s} (shared) on Linux; FreeBSD's COW flag maps to private. */
    public boolean isPrivate() {
        return perms.length() < 4 || perms.charAt(3) == 'p';
    }

    public long length() {
        return end - start;
    }

    public MapsEntry withUsage(Optional<Usage> u) {
        return new MapsEntry(start, end, perms, offset, object, path, u, line);
    }
}
