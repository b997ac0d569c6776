package org.elfmap.maps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;

/**
 * A running process's memory map, read from procfs: {@code smaps} (with RSS/PSS), or
 * {@code maps} with a note when smaps is not permitted. procfs gives no error when a process
 * exits while its map is being read (the read just ends early), so the reader notes the process's
 * start time before and checks it after: a process that is gone, or a new one with its PID, means
 * the map may be cut short.
 */
public final class LiveProcess {
    private final Path proc;

    /** {@code proc} is normally {@code /proc}; tests point it elsewhere to stage odd permissions. */
    public LiveProcess(Path proc) {
        this.proc = proc;
    }

    public static LiveProcess system() {
        return new LiveProcess(Path.of("/proc"));
    }

    /**
     * An open map of one process: the lines, their format, what the reader should know, and its
     * {@code stat} as it was when the map was opened (its command name; its start time, which
     * {@link #checkStillRunning} compares).
     */
    public record Reading(int pid, LineReader lines, MapsFormat format, List<ReadNote> notes, ProcStat stat) {
    }

    /** Why a process could not be read: it is not there, or this user may not look at it. */
    public static final class Unreadable extends BadInputException {
        public enum Why { GONE, DENIED }

        private final Why why;

        Unreadable(int pid, Why why, String what) {
            super("pid " + pid, what);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    public Reading open(int pid) {
        if (pid <= 0) {
            throw new BadInputException("pid " + pid, "not a process id");
        }
        Path dir = proc.resolve(Integer.toString(pid));
        ProcStat stat = stat(pid);
        if (stat.exited()) {
            // a zombie keeps its PID and start time but has no address space: nothing to read
            throw gone(pid, "has exited (a zombie its parent has not collected): it has no address space");
        }
        List<ReadNote> notes = new ArrayList<>();
        try {
            return new Reading(pid, reader(dir.resolve("smaps"), pid), MapsFormat.LINUX_SMAPS, notes, stat);
        } catch (AccessDeniedException e) {
            notes.add(new ReadNote.SmapsDenied());
        } catch (NoSuchFileException e) {
            throw gone(pid, "no such process");
        } catch (IOException e) {
            throw new BadInputException("pid " + pid, "cannot read smaps: " + e.getMessage());
        }
        try {
            return new Reading(pid, reader(dir.resolve("maps"), pid), MapsFormat.LINUX_MAPS, notes, stat);
        } catch (AccessDeniedException e) {
            throw new Unreadable(pid, Unreadable.Why.DENIED, "permission denied: reading a process's memory map needs"
                    + " ptrace access to it (run as its user, or as root)");
        } catch (NoSuchFileException e) {
            throw gone(pid, "no such process");
        } catch (IOException e) {
            throw new BadInputException("pid " + pid, "cannot read maps: " + e.getMessage());
        }
    }

    /**
     * After a read: throws when the process that was read exited during it (or its PID was
     * reused), because procfs then ends the map early without an error: a process killed while
     * its 60,000 mappings were read gave 8-197 MB of its 500 MB, and exit 0 (issue 16 item 1).
     * The start time alone does not tell: a zombie keeps it. So the process must also not be a
     * zombie or dead now, and must still have an address space (a nonzero {@code vsize} in the
     * same {@code stat}: {@code fs/proc/array.c} prints 0 once the task has no {@code mm}, which
     * the kernel drops in {@code exit_mm}, before the task becomes a zombie).
     */
    public void checkStillRunning(Reading r) {
        ProcStat now;
        try {
            now = stat(r.pid());
        } catch (Unreadable e) {
            throw gone(r.pid(), "exited while its memory map was being read");
        }
        if (!now.startTime().equals(r.stat().startTime())) {
            throw gone(r.pid(), "exited while its memory map was being read (its pid now names another process)");
        }
        if (now.exited()) {
            throw gone(r.pid(), "exited while its memory map was being read (it is a zombie now): what was read is"
                    + " cut short");
        }
        if (!now.kernelThread() && !now.hasAddressSpace()) {
            throw gone(r.pid(), "exited while its memory map was being read (its address space is gone): what was"
                    + " read is cut short");
        }
    }

    /** Turns a failure in the middle of reading (ESRCH, EIO) into the one-line error it means. */
    public BadInputException failed(Reading r, IOException e) {
        try {
            checkStillRunning(r);
        } catch (Unreadable gone) {
            return gone;
        }
        return new BadInputException("pid " + r.pid(), "reading its memory map failed: " + e.getMessage());
    }

    /**
     * Where the files a process maps are, seen from here: its own root ({@code /proc/PID/root})
     * when it runs in another mount namespace (a container), else empty: paths as written. The
     * map's names are the kernel's {@code d_path} ({@code fs/proc/task_mmu.c} {@code show_map_vma}
     * → {@code seq_file_path}), which is relative to the reader's root while the file is reachable
     * from it: a {@code chroot}ed process in this namespace names its files by this machine's
     * paths. A mount of another namespace is not reachable, and its names are from that
     * namespace's root ({@code fs/d_path.c} {@code prepend_path}).
     */
    public Optional<Path> fileRoot(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            if (Files.readSymbolicLink(dir.resolve("ns/mnt")).equals(self().mountNs())) {
                return Optional.empty();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // cannot compare: a process we may not inspect this far is most likely in a container
        }
        return Optional.of(dir.resolve("root"));
    }

    /**
     * The inode of the file the process runs ({@code /proc/PID/exe}, followed: {@code proc_exe_link},
     * fs/proc/base.c, the same ptrace access as {@code maps}); empty when it cannot be read. For a
     * program run through an explicit loader ({@code ld.so PROGRAM}) it is the loader's.
     */
    public java.util.OptionalLong exeInode(int pid) {
        try {
            Object ino = Files.getAttribute(proc.resolve(Integer.toString(pid)).resolve("exe"), "unix:ino");
            return ino instanceof Long l ? java.util.OptionalLong.of(l) : java.util.OptionalLong.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * The mapped file of entry {@code [start, end)} as the process has it open, deleted or not
     * ({@code /proc/PID/map_files/START-END}, named as {@code proc_map_files_readdir} prints
     * {@code "%lx-%lx"}). Opening it takes ptrace access and {@code CAP_SYS_ADMIN} (or, since
     * Linux 5.9, {@code CAP_CHECKPOINT_RESTORE}) in the initial user namespace
     * ({@code proc_map_files_get_link}, fs/proc/base.c): a caller without them gets EPERM.
     */
    public Path mapFile(int pid, long start, long end) {
        return proc.resolve(Integer.toString(pid)).resolve("map_files")
                .resolve(Long.toHexString(start) + "-" + Long.toHexString(end));
    }

    /** This process's mount namespace, read once: a scan compares every process with it. */
    private record Self(Path mountNs) {
    }

    private volatile Self self;

    private Self self() throws IOException {
        Self s = self;
        if (s == null) {
            Path me = proc.resolve("self");
            s = new Self(Files.readSymbolicLink(me.resolve("ns/mnt")));
            self = s;
        }
        return s;
    }

    /** {@code /proc/PID/stat}: name, state, flags, start time, size. */
    private ProcStat stat(int pid) {
        String stat;
        try (InputStream in = Files.newInputStream(proc.resolve(Integer.toString(pid)).resolve("stat"))) {
            stat = readSmall(in);
        } catch (NoSuchFileException e) {
            throw gone(pid, "no such process");
        } catch (IOException e) {
            // a process that cannot be stat'ed is treated as gone: ESRCH surfaces here as an I/O error
            throw gone(pid, "no such process (" + e.getMessage() + ")");
        }
        return ProcStat.parse(stat);
    }

    /**
     * A stat line is a few hundred bytes: read into this thread's buffer (Files.readString starts
     * with 8 KiB for a file whose size procfs says is 0, twice per process in {@code top}: 8 % of
     * what a scan allocated, measured), grown only for a longer file.
     */
    private static final ThreadLocal<byte[]> SMALL = new ThreadLocal<>();

    private static String readSmall(InputStream in) throws IOException {
        byte[] buf = SMALL.get();
        if (buf == null) {
            buf = new byte[2048];
            SMALL.set(buf);
        }
        int n = 0;
        while (true) {
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2); // this read's own; the small one stays lent
            }
            int got = in.read(buf, n, buf.length - n);
            if (got < 0) {
                return new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            n += got;
        }
    }

    /**
     * The process's exact totals from {@code smaps_rollup}, or empty when it cannot be read. smaps
     * prints each entry's PSS rounded down to whole KiB, so the entries' sum falls short of the
     * true total by up to 1 KiB per entry; smaps_rollup sums before rounding (fs/proc/task_mmu.c).
     */
    public Optional<org.elfmap.space.Usage> rollup(int pid) {
        Path file = proc.resolve(Integer.toString(pid)).resolve("smaps_rollup");
        org.elfmap.space.Usage[] got = {null};
        try (LineReader in = reader(file, pid)) {
            new SmapsRollupParser().parse(in, new EntrySink() {
                @Override
                public void entry(MapsEntry e) {
                    // smaps_rollup's header line: a range, no memory of its own
                }

                @Override
                public void rollup(org.elfmap.space.Usage totals) {
                    got[0] = totals;
                }
            });
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(got[0]);
    }

    /** The PIDs in procfs now, ascending; processes come and go while the list is used. */
    public List<Integer> pids() {
        List<Integer> out = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> dir = Files.newDirectoryStream(proc)) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.length() <= 10 && n.chars().allMatch(Character::isDigit)) {
                    long v = Long.parseLong(n);
                    if (v <= Integer.MAX_VALUE) {
                        out.add((int) v);
                    }
                }
            }
        } catch (IOException e) {
            throw new BadInputException(proc.toString(), "cannot list processes: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private static Unreadable gone(int pid, String what) {
        return new Unreadable(pid, Unreadable.Why.GONE, what);
    }

    private static LineReader reader(Path file, int pid) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new LineReader(in, "pid " + pid);
    }
}
