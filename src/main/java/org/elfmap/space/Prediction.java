package org.elfmap.space;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The check of an object's observed mappings against its layout: {@code match}, {@code mismatch}
 * with the differences, or {@code unavailable} with the reason (file unreadable, changed on
 * disk, path truncated...). Facts only; the output layer writes the sentences.
 *
 * @param against     the loader model and page size the object was judged against (mismatch)
 * @param differences entry by entry, in address order (mismatch)
 * @param truncated   more differences existed than are listed
 * @param reason      why there is no verdict (unavailable)
 * @param expected    the loader model's mappings of the object, placed at the load base it was judged at
 *                    (absolute addresses; empty without a verdict): what {@code --format html} draws over
 *                    the observation
 */
public record Prediction(Status status, Optional<Judge> against, List<Difference> differences, boolean truncated,
                         Optional<Unavailable> reason, List<Region> expected) {
    public enum Status {
        MATCH("match"), MISMATCH("mismatch"), UNAVAILABLE("unavailable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Prediction {
        differences = List.copyOf(differences);
        expected = List.copyOf(expected);
    }

    /** The loader model and page size a verdict was made with. */
    public record Judge(String loader, PageSize page) {
    }

    /**
     * A stretch of an object's address space as compared: addresses relative to the load base,
     * protection, and where its pages come from.
     *
     * @param fileOffset the file offset; {@code -1} stands for "from the file" where the format
     *                   prints no offsets (FreeBSD); empty for anonymous memory
     */
    public record Piece(long start, long end, Prot prot, OptionalLong fileOffset) {
        public static final long SOME_OFFSET = -1;

        // Written out rather than generated: a record's generated equals/hashCode is bootstrapped
        // by invokedynamic (ObjectMethods) on first use, which AOT caches do not store; the first
        // one in a run costs ~10-20 ms of start-up (README "Performance").
        @Override
        public boolean equals(Object o) {
            return o instanceof Piece p && p.start == start && p.end == end && p.prot.equals(prot)
                    && p.fileOffset.equals(fileOffset);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(start, end, prot, fileOffset);
        }
    }

    /**
     * One difference: an expected piece not observed, an unexpected one, or the two that differ.
     *
     * @param expectedKind what the layout calls the expected piece
     */
    public record Difference(Optional<Piece> expected, Optional<Kind> expectedKind, Optional<Piece> observed) {
    }

    /** Why an object has no verdict. */
    public sealed interface Unavailable {
        /** Predictions were not asked for. */
        record NotChecked() implements Unavailable {
        }

        /** The loader that maps the object would refuse the file. */
        record Refused(String loader, Refusal refusal) implements Unavailable {
        }

        /** The file has no PT_LOAD segments. */
        record NoLoads() implements Unavailable {
        }

        /** No mapping of the object's path was observed. */
        record NotObserved(String path) implements Unavailable {
        }

        /** An observed offset that lies in no predicted file-backed mapping: the base cannot be found. */
        record NoBase(long offset) implements Unavailable {
        }

        /**
         * The file behind the mapping cannot stand for it, so its entries were classified by shape.
         *
         * @param path   the path as observed
         * @param detail the system's own words where they add something (an I/O error), else empty
         */
        record FileUnusable(String path, FileProblem problem, String detail) implements Unavailable {
        }
    }

    /** What is wrong with the file a mapping names. */
    public enum FileProblem {
        NO_SUCH_FILE, PERMISSION_DENIED, DIRECTORY, CANNOT_READ, CHANGED_SINCE_MAPPED, MALFORMED, NO_LOADS,
        DELETED, NOT_ABSOLUTE, NUL_IN_PATH, DOES_NOT_FIT,
        /** A memfd (memfd_create): a file with no path; a live process's map_files could have opened it. */
        MEMFD,
        /**
         * A mapping of the file that no loader made: above the file's image in the same address
         * space, it does not start another image where loaders start one (the first PT_LOAD). The
         * program mapped part of the file itself (V8 maps its embedded built-ins from node's own
         * file near its code).
         */
        MAPPED_AGAIN
    }

    public static Prediction match() {
        return new Prediction(Status.MATCH, Optional.empty(), List.of(), false, Optional.empty(), List.of());
    }

    public static Prediction mismatch(Judge against, List<Difference> differences, boolean truncated) {
        return new Prediction(Status.MISMATCH, Optional.of(against), differences, truncated, Optional.empty(), List.of());
    }

    public static Prediction unavailable(Unavailable reason) {
        return new Prediction(Status.UNAVAILABLE, Optional.empty(), List.of(), false, Optional.of(reason), List.of());
    }

    /** This verdict with the mappings it was made against. */
    public Prediction withExpected(List<Region> mappings) {
        return new Prediction(status, against, differences, truncated, reason, mappings);
    }
}
