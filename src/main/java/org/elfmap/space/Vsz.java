package org.elfmap.space;

/**
 * The one rule for what counts in VSZ ({@code VmSize} on Linux, {@code ki_size} on FreeBSD). Two
 * kinds of entry take address space without counting: a FreeBSD guard ({@code sys/vm/vm_map.c},
 * {@code vm_map_insert} adds to {@code map->size} only entries without {@code MAP_ENTRY_GUARD}),
 * and Linux's {@code [vsyscall]} page, which is the kernel's gate area, not a VMA of the process,
 * so {@code VmSize} in {@code /proc/PID/status} leaves it out (observed on this machine).
 */
public final class Vsz {
    private Vsz() {
    }

    public static boolean counts(Backing backing, Kind kind) {
        return backing != Backing.GUARD && kind != Kind.VSYSCALL;
    }

    /** What {@code length} bytes of address space of this backing and kind add to VSZ. */
    public static long of(long length, Backing backing, Kind kind) {
        return counts(backing, kind) ? length : 0;
    }
}
