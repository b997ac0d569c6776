package org.elfmap.pages;

import java.util.List;
import java.util.OptionalInt;
import org.elfmap.space.PageSize;

/**
 * One reason a library fails at a page size, as values: what the rule saw, never a sentence (the
 * output layer writes those, once per format). {@link #segment()} indexes the program header table.
 */
public sealed interface PageProblem {
    ProblemKind kind();

    OptionalInt segment();

    /**
     * The smallest PT_LOAD {@code p_align} is below the page size (elfpolicy
     * {@code VerifyLoadSegmentsAlignment}: "Minimum ELF LOAD segment alignment ... is not at least
     * ... aligned"). {@code segment} is the first LOAD with that alignment, {@code below} every LOAD under P.
     */
    record LoadAlignment(int loadSegment, long align, PageSize pageSize, List<Integer> below) implements PageProblem {
        public LoadAlignment {
            below = List.copyOf(below);
        }

        public ProblemKind kind() {
            return ProblemKind.ALIGN;
        }

        public OptionalInt segment() {
            return OptionalInt.of(loadSegment);
        }
    }

    /**
     * A PT_GNU_RELRO that starts neither on a page nor where its LOAD starts (elfpolicy
     * {@code RelroStartIsValid}); bionic and glibc both round the start down, so {@code readOnlyBefore}
     * bytes of writable data before it become read-only.
     */
    record RelroStart(int relroSegment, long start, int load, long loadStart, PageSize pageSize, long readOnlyBefore)
            implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.RELRO_START;
        }

        public OptionalInt segment() {
            return OptionalInt.of(relroSegment);
        }
    }

    /**
     * A PT_GNU_RELRO that ends neither on a page nor where its LOAD ends (elfpolicy
     * {@code RelroEndIsValid}), with what the loaders make of it at this page size: bionic rounds
     * the end up ({@code readOnlyAfter} bytes of writable data after RELRO become read-only),
     * glibc rounds it down ({@code writableTail} bytes of RELRO stay writable).
     */
    record RelroEnd(int relroSegment, long end, int load, long loadEnd, PageSize pageSize, long readOnlyAfter,
                    long writableTail) implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.RELRO_END;
        }

        public OptionalInt segment() {
            return OptionalInt.of(relroSegment);
        }
    }

    /**
     * A PT_GNU_RELRO with {@code p_memsz} 0, or whose containing LOAD has {@code p_memsz} 0
     * ({@code load} present): elfpolicy {@code VerifyRelroSegment} refuses both. Reported as
     * {@code relro-end}: there is no end past the start.
     */
    record EmptyRelro(int relroSegment, OptionalInt load) implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.RELRO_END;
        }

        public OptionalInt segment() {
            return OptionalInt.of(relroSegment);
        }
    }

    /** A stored {@code .so} in an APK whose data starts {@code dataOffset} bytes in, not on a page. */
    record ZipOffset(long dataOffset, PageSize pageSize) implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.ZIP_OFFSET;
        }

        public OptionalInt segment() {
            return OptionalInt.empty();
        }
    }

    /** {@code p_offset % P != p_vaddr % P}: no mmap can place this LOAD. */
    record Congruence(int loadSegment, long offset, long vaddr, PageSize pageSize) implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.CONGRUENCE;
        }

        public OptionalInt segment() {
            return OptionalInt.of(loadSegment);
        }
    }

    /**
     * A PT_LOAD whose file part runs {@code past} bytes beyond the end of the file: the file was
     * cut short. bionic refuses it ({@code ElfReader::LoadSegments}, "past end of file"); glibc and
     * musl map it (the missing pages fault when touched).
     */
    record PastEndOfFile(int loadSegment, long offset, long end, long past) implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.MALFORMED;
        }

        public OptionalInt segment() {
            return OptionalInt.of(loadSegment);
        }
    }

    /** The file, entry or archive could not be read: why, as values. */
    record Unreadable(ReadFailure failure) implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.MALFORMED;
        }

        public OptionalInt segment() {
            return OptionalInt.empty();
        }
    }

    /** The ELF file or entry could not be parsed; {@code reason} is the ELF reader's one line, as it came (raw). */
    record Malformed(String reason) implements PageProblem {
        public ProblemKind kind() {
            return ProblemKind.MALFORMED;
        }

        public OptionalInt segment() {
            return OptionalInt.empty();
        }
    }
}
