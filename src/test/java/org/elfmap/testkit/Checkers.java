package org.elfmap.testkit;

import org.elfmap.testkit.Checkers;
import java.util.Optional;
import java.util.function.Consumer;
import org.elfmap.pages.CheckOptions;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageChecker;

/** A {@link PageChecker} as most tests want it: no {@code --follow}, no {@code --root}. */
public final class Checkers {
    private Checkers() {
    }

    public static PageChecker checker(CheckOptions options, Consumer<FileVerdict> sink) {
        return new PageChecker(options, false, Optional.empty(), sink);
    }
}
