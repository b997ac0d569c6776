package org.elfmap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code elfmap explain}: not built yet (see the issue tracker). */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class ExplainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new org.elfmap.BadInputException("explain", "not implemented yet");
    }
}
