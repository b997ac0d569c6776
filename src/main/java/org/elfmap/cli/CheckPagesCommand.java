package org.elfmap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code elfmap check-pages}: not built yet (see the issue tracker). */
@Command(name = "check-pages", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class CheckPagesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new org.elfmap.BadInputException("check-pages", "not implemented yet");
    }
}
