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
        Fields f = new Fields(stat, close + 2);
        String state = f.get(0);
        String startTime = f.get(19);
        return new ProcStat(command, state == null || state.isEmpty() ? '?' : state.charAt(0), number(f.get(6)),
                startTime == null ? "" : startTime.strip(), number(f.get(20)));
    }

    /** A field as a number, 0 when absent or not a number. */
    private static long number(String field) {
        try {
            return field == null ? 0 : Long.parseUnsignedLong(field.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The fields after the name as {@code split(" ")} gives them (empty ones between two spaces
     * kept, trailing empty ones dropped), without making the ~50 strings and the array that
     * split does for every process {@code top} reads (twice each).
     */
    private static final class Fields {
        private static final int KEPT = 21;
        private final String line;
        private final int[] starts = new int[KEPT];
        private final int[] ends = new int[KEPT];
        private int count;

        Fields(String line, int from) {
            this.line = line;
            int at = from;
            while (count < KEPT) {
                int space = line.indexOf(' ', at);
                starts[count] = at;
                ends[count] = space < 0 ? line.length() : space;
                count++;
                if (space < 0) {
                    break;
                }
                at = space + 1;
            }
        }

        /** Field {@code i} (0: the state, proc(5)'s field 3), or null when split would not have it. */
        String get(int i) {
            if (i >= count) {
                return null;
            }
            // split drops trailing empty fields: field i is there when it or a later one has a char
            for (int c = starts[i]; c < line.length(); c++) {
                if (line.charAt(c) != ' ') {
                    return line.substring(starts[i], ends[i]);
                }
            }
            return null;
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
