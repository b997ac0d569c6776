package org.elfmap.pages;

import java.util.OptionalInt;

/** One reason a file fails at a page size; {@code segment} indexes the program header table. */
public record PageProblem(OptionalInt segment, ProblemKind kind, String detail) {
    public static PageProblem of(int segment, ProblemKind kind, String detail) {
        return new PageProblem(OptionalInt.of(segment), kind, detail);
    }

    public static PageProblem of(ProblemKind kind, String detail) {
        return new PageProblem(OptionalInt.empty(), kind, detail);
    }
}
