package org.elfmap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code elfmap top}: not built yet (see the issue tracker). */
@Command(name = "top", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class TopCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new org.elfmap.BadInputException("top", "not implemented yet");
    }
}
