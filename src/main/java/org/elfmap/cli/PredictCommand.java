package org.elfmap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code elfmap predict}: not built yet (see the issue tracker). */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new org.elfmap.BadInputException("predict", "not implemented yet");
    }
}
