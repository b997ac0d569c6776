package org.elfmap.output.pages;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.space.PageSize;

/**
 * The verdicts of a {@code check-pages} run, made one at a time while a renderer writes them
 * (a scan of a whole tree holds one verdict at a time), and the tally once they are all made.
 * With dependencies to search, the run makes every verdict first and attributes the failing ones,
 * then hands them out with their {@link #attribution}.
 */
public interface CheckRun {
    PageSize page();

    /** List only the files that fail (text). */
    boolean quiet();

    void forEach(Consumer<FileVerdict> each);

    /** Counted while {@link #forEach} ran. */
    Tally tally();

    /** Where {@code v} came from among the dependencies, when they were searched and it was found. */
    default Optional<Attribution> attribution(FileVerdict v) {
        return Optional.empty();
    }

    /**
     * Symbolic links in trees not followed: to directories outside the tree (no {@code --follow}),
     * to anything outside the sysroot ({@code --root}); after {@link #forEach}.
     */
    default int linksNotFollowed() {
        return 0;
    }

    /**
     * Paths that could not be checked, named by the user (no such file, neither ELF nor an archive,
     * unreadable) or met in a tree (unreadable file or directory), each as its one-line error,
     * after {@link #forEach}: the run exits 2, and every format says so.
     */
    default List<String> inputErrors() {
        return List.of();
    }

    /**
     * The one count of a run's verdicts, for every format.
     *
     * @param checked    ELF files checked
     * @param failed     files that fail the run
     * @param notBinding files with problems that do not fail it (32-bit ABIs and ELF files)
     */
    record Tally(int checked, int failed, int notBinding) {
        public static final Tally NONE = new Tally(0, 0, 0);

        /** This tally with {@code v} counted. */
        public Tally plus(FileVerdict v) {
            return new Tally(checked + 1, failed + (v.fails() ? 1 : 0), notBinding + (!v.fails() && !v.ok() ? 1 : 0));
        }

        public static Tally of(Iterable<FileVerdict> verdicts) {
            Tally t = NONE;
            for (FileVerdict v : verdicts) {
                t = t.plus(v);
            }
            return t;
        }
    }
}
