package org.elfmap.maps;

import java.nio.charset.StandardCharsets;

/**
 * What {@code /proc/PID/stat} says about a process that matters to reading its map
 * ({@code fs/proc/array.c} {@code do_task_stat}; proc(5)): its command name (field 2), its state
 * (field 3), its flags (field 9), its start time (field 22, clock ticks since boot) and its
 * virtual size (field 23). The name is what {@code /proc/PID/comm} shows (both print it with
 * {@code proc_task_name(m, task, false)}, unescaped), so it may hold spaces and parentheses: it
 * ends at the line's last ')'.
 *
 * @param command   the kernel's short name of the program ({@code task->comm}), UTF-8 decoded
 * @param state     {@code R}, {@code S}, {@code D}, {@code Z} (zombie), {@code X} (dead)...
 * @param flags     the task's {@code PF_*} flags
 * @param startTime as printed: compared, never computed with
 * @param vsize     bytes of address space; {@code do_task_stat} prints 0 when the task has no
 *                  {@code mm} (a kernel thread, or a task past {@code exit_mm})
 */
public record ProcStat(String command, char state, long flags, String startTime, long vsize) {
    /** {@code PF_KTHREAD} ({@code include/linux/sched.h}): a kernel thread, which has no address space. */
    static final long PF_KTHREAD = 0x00200000;

    /** {@code stat} read as ISO-8859-1 (one char per byte). */
    static ProcStat parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String command = open >= 0 && close > open
                ? new String(stat.substring(open + 1, close).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                : "?";
        if (close < 0 || close + 2 >= stat.length()) {
            return new ProcStat(command, '?', 0, "", 0);
        }
        String[] f = stat.substring(close + 2).split(" ");
        return new ProcStat(command, f[0].isEmpty() ? '?' : f[0].charAt(0), field(f, 9), f.length > 19 ? f[19].strip() : "",
                field(f, 23));
    }

    /** Field {@code n} of proc(5)'s numbering (field 3 is the first after the name), 0 when absent or not a number. */
    private static long field(String[] afterName, int n) {
        int i = n - 3;
        try {
            return afterName.length > i ? Long.parseUnsignedLong(afterName[i].strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A zombie or a dead task: it has exited, and its address space is gone. */
    boolean exited() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    boolean kernelThread() {
        return (flags & PF_KTHREAD) != 0;
    }

    /** Whether the task still has its memory: a nonzero {@code vsize}. */
    boolean hasAddressSpace() {
        return vsize != 0;
    }
}
