package org.elfmap.maps;

/**
 * What {@code /proc/PID/stat} says about a process that matters to reading its map
 * ({@code fs/proc/array.c} {@code do_task_stat}; proc(5)): its state (field 3), its flags (field 9)
 * and its start time (field 22, clock ticks since boot). The command name (field 2) is skipped by
 * its last ')', since a name may hold spaces and parentheses.
 *
 * @param state     {@code R}, {@code S}, {@code D}, {@code Z} (zombie), {@code X} (dead)...
 * @param flags     the task's {@code PF_*} flags
 * @param startTime as printed: compared, never computed with
 */
record ProcStat(char state, long flags, String startTime) {
    /** {@code PF_KTHREAD} ({@code include/linux/sched.h}): a kernel thread, which has no address space. */
    static final long PF_KTHREAD = 0x00200000;

    static ProcStat parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return new ProcStat('?', 0, "");
        }
        String[] f = stat.substring(close + 2).split(" ");
        long flags;
        try {
            flags = f.length > 6 ? Long.parseUnsignedLong(f[6].strip()) : 0;
        } catch (NumberFormatException e) {
            flags = 0;
        }
        return new ProcStat(f[0].isEmpty() ? '?' : f[0].charAt(0), flags, f.length > 19 ? f[19].strip() : "");
    }

    /** A zombie or a dead task: it has exited, and its address space is gone. */
    boolean exited() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    boolean kernelThread() {
        return (flags & PF_KTHREAD) != 0;
    }
}
