package org.elfmap.maps;

import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.space.Usage;
import org.elfmap.space.Backing;
import org.elfmap.space.Perms;
import org.elfmap.space.Prot;
import org.elfmap.space.RawPath;

/**
 * One entry of an observed address space, whatever the input format: Linux
 * {@code /proc/PID/maps}/{@code smaps}, FreeBSD {@code /proc/PID/map}, {@code procstat -v}.
 *
 * @param perms   as the format spells them ({@code r-xp} on Linux, {@code r-x} on FreeBSD)
 * @param offset  file offset of {@code start}; FreeBSD's formats do not print one
 * @param object  identity of what is mapped: {@code dev:inode} on Linux, the VM object on
 *                FreeBSD's procfs map; empty when the format has none ({@code procstat -v})
 * @param name    the path or pseudo-name ({@code [heap]}) as the bytes the input gives; empty for
 *                anonymous memory
 * @param backing a file (vnode, device), anonymous memory, or a FreeBSD guard
 * @param usage   RSS/PSS when the format carries them
 * @param line    line number in the input of the entry's first line, for messages
 */
public record MapsEntry(long start, long end, Perms perms, OptionalLong offset, String object, RawPath name,
                        Backing backing, Optional<Usage> usage, long line) {

    /** The name for people ({@link RawPath#text}): what output shows, and what pseudo-names are matched on. */
    public String path() {
        return name.text();
    }

    public Prot prot() {
        return perms.prot();
    }

    /** {@code p} (private) or {@code s} (shared) on Linux; FreeBSD's formats count as private. */
    public boolean isPrivate() {
        return perms.isPrivate();
    }

    public long length() {
        return end - start;
    }

    public boolean isFile() {
        return backing == Backing.FILE;
    }

    // Written out rather than generated: a record's generated equals/hashCode is bootstrapped by
    // invokedynamic (ObjectMethods) on first use, which AOT caches do not store; the first one in a
    // run costs ~10-20 ms of start-up (README "Performance").
    @Override
    public boolean equals(Object o) {
        return o instanceof MapsEntry e && e.start == start && e.end == end && e.perms.equals(perms)
                && e.offset.equals(offset) && e.object.equals(object) && e.name.equals(name) && e.backing == backing
                && e.usage.equals(usage) && e.line == line;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(start, end, perms, offset, object, name, backing, usage, line);
    }

    public MapsEntry withUsage(Optional<Usage> u) {
        return new MapsEntry(start, end, perms, offset, object, name, backing, u, line);
    }
}
