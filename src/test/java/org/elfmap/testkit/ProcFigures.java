package org.elfmap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.elfmap.space.Usage;

/**
 * A live process's figures as the kernel prints them in procfs ({@code status}, {@code smaps_rollup},
 * {@code maps}), read by the test itself, and the one relation between smaps and smaps_rollup that
 * holds whatever other processes do.
 */
public final class ProcFigures {
    private ProcFigures() {
    }

    /** {@code FIELD:   N kB} of {@code /proc/PID/FILE}, in bytes. */
    public static long bytes(long pid, String file, String field) {
        return kib(Path.of("/proc", Long.toString(pid), file), field) * 1024;
    }

    /** {@code FIELD:   N kB} of a procfs file, in KiB. */
    public static long kib(Path file, String field) {
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

    /** The number of mappings (lines of {@code /proc/PID/maps}): the entries of its smaps. */
    public static int mappings(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps")).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What smaps entries must sum to against smaps_rollup: {@code fs/proc/task_mmu.c}
     * {@code __show_smap} prints each entry's {@code Pss} as {@code mss->pss >> PSS_SHIFT}
     * shifted right by 10 ({@code SEQ_PUT_DEC}): rounded down to a KiB per entry, while
     * {@code show_smaps_rollup} accumulates every VMA into one {@code mem_size_stats} and rounds
     * once. So the entries' PSS is at most the rollup's and short of it by less than 1 KiB per
     * entry; RSS is whole pages, so the two sums are equal.
     *
     * @param rollup  what was read from smaps_rollup
     * @param entries the sum over what was read from smaps, entry by entry
     * @param count   the number of smaps entries
     */
    public static void assertEntriesAddUpToRollup(Usage rollup, Usage entries, long count) {
        assertThat(entries.rssBytes()).as("Rss: smaps entries against smaps_rollup").isEqualTo(rollup.rssBytes());
        long shortBy = rollup.pssBytes() - entries.pssBytes();
        assertThat(shortBy).as("Pss: smaps_rollup minus the smaps entries (%d entries)", count)
                .isGreaterThanOrEqualTo(0).isLessThan(count * 1024);
    }
}
