package org.elfmap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code elfmap compare}: not built yet (see the issue tracker). */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class CompareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new org.elfmap.BadInputException("compare", "not implemented yet");
    }
}
