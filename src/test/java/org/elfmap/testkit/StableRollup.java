package org.elfmap.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A live process's {@code smaps_rollup} figure read around an action, so a test can compare what
 * the action read with the kernel's own value without racing. A stopped process's PSS still moves:
 * it is its pages divided by how many processes map each of them, and any other process that
 * maps or drops libc (another test, another job on the machine) changes it between two reads. So
 * the figure is read before and after the action, and the action is repeated until both reads
 * agree: then the action saw that same value.
 */
public final class StableRollup {
    private static final int TRIES = 50;

    private StableRollup() {
    }

    /** What the action returned, and the rollup field (KiB) that held before and after it. */
    public record Read<T>(T value, long kib) {
    }

    public static <T> Read<T> around(long pid, String field, Supplier<T> action) {
        return agreeing(pid, field, action, v -> true);
    }

    /**
     * As {@link #around}, and the action's own figure must equal the kernel's: equal reads before
     * and after do not rule out a change and a change back in between (another process mapping
     * libc and exiting), so a disagreement is tried again, up to {@code TRIES} times. A reader
     * that is wrong is wrong every time and still fails; the last try is returned for the test's
     * own assertion to report.
     */
    public static <T> Read<T> agreeing(long pid, String field, Supplier<T> action,
                                       java.util.function.Predicate<Read<T>> agrees) {
        Read<T> last = null;
        for (int i = 0; i < TRIES; i++) {
            long before = kib(pid, field);
            T value = action.get();
            long after = kib(pid, field);
            if (before == after) {
                last = new Read<>(value, before);
                if (agrees.test(last)) {
                    return last;
                }
            }
        }
        if (last != null) {
            return last;
        }
        Assumptions.abort("pid " + pid + "'s " + field + " changed during each of " + TRIES + " reads: the machine is too busy");
        throw new AssertionError();
    }

    /** {@code FIELD:   N kB} of {@code /proc/PID/smaps_rollup}. */
    public static long kib(long pid, String field) {
        Path file = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (NoSuchFileException e) {
            throw new AssertionError(file + " is gone", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(field + " not in " + file);
    }
}
