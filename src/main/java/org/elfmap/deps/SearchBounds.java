package org.elfmap.deps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Bounds on one resolution, so that a crafted file cannot make {@code predict} run for minutes
 * (issue 16 item 12: one 173 KB ELF with 2,000 DT_NEEDED names and a 10,000-directory RUNPATH
 * took 40 s, 1.7 GB and printed 632 MB; a 200 MB musl path file took minutes). The loaders have no
 * such bounds (musl reads its whole path file, glibc's RUNPATH may be as long as the string table),
 * so a search cut short says so, in the closure's notes and in the reason of a name not found.
 *
 * <ul>
 * <li>{@link #MAX_DIRS} distinct directories from RPATHs, RUNPATHs and LD_LIBRARY_PATH in one
 * search list (the system's own directories always count: they are a few, or come from a path
 * file bounded when read): real lists have a few dozen (Nix RUNPATHs reach ~100). Directories
 * named twice are searched once: glibc's {@code fillin_rpath} keeps one entry per directory, and
 * for musl a directory searched again finds what it found the first time.</li>
 * <li>{@link #MAX_LOOKUPS} files looked for in one resolution: a real program's closure is ~100
 * objects in ~20 directories, a few thousand lookups. A directory that does not exist is looked at
 * once, not once per name.</li>
 * <li>{@link #MAX_SHOWN} searched places named per name not found; the rest are counted.</li>
 * <li>{@link #MAX_PATH_FILE} bytes of a musl path file are read.</li>
 * </ul>
 */
final class SearchBounds {
    static final int MAX_DIRS = 1024;
    static final int MAX_LOOKUPS = 100_000;
    static final int MAX_SHOWN = 32;
    static final int MAX_PATH_FILE = 1 << 20;

    private SearchBounds() {
    }

    /**
     * The steps with each directory searched once (the first step naming it is kept), and at most
     * {@code max} of the directories for which {@code counted} holds; {@code dropped[0]} counts
     * those left out. Directories are compared as glibc's {@code fillin_rpath} compares them, with
     * their trailing slashes made one ({@link #key}); for musl a directory searched again finds what
     * it found the first time, so keeping one is no change.
     */
    static <S extends SearchStep> List<S> distinct(List<S> steps, Predicate<SearchDir> counted, int max,
                                                   int[] dropped) {
        Set<String> seen = new HashSet<>();
        int listed = 0;
        List<S> out = new ArrayList<>(Math.min(steps.size(), max + 8));
        for (S s : steps) {
            if (s instanceof SearchDir d) {
                if (!seen.add(key(d.dir()))) {
                    continue;
                }
                if (counted.test(d) && ++listed > max) {
                    dropped[0]++;
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    /** The directories a file or the environment supplies: RPATH, RUNPATH, LD_LIBRARY_PATH (the system's own are a few). */
    static boolean supplied(SearchDir d) {
        return d.via() == Via.RPATH || d.via() == Via.RUNPATH || d.via() == Via.LD_LIBRARY_PATH;
    }

    /** A directory's name without trailing slashes ({@code "/"} kept). */
    static String key(String dir) {
        int end = dir.length();
        while (end > 1 && dir.charAt(end - 1) == '/') {
            end--;
        }
        return dir.substring(0, end);
    }

    /** What was searched, for a name not found: the first {@link #MAX_SHOWN} steps, then a count. */
    static List<String> shown(List<SearchStep> steps) {
        List<String> out = new ArrayList<>(Math.min(steps.size(), MAX_SHOWN + 1));
        for (int i = 0; i < steps.size() && i < MAX_SHOWN; i++) {
            out.add(steps.get(i).describe());
        }
        if (steps.size() > MAX_SHOWN) {
            out.add("... and " + (steps.size() - MAX_SHOWN) + " more");
        }
        return out;
    }
}
