package org.elfmap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.deps.TargetOptions;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import picocli.CommandLine.Option;

/** Options of the commands that predict a whole program ({@code predict}, {@code compare}). */
public final class ProgramOptions {
    @Option(names = {"-l", "--loader"}, paramLabel = "NAME",
            description = "Loader model for the libraries (default: the program's own dynamic linker)")
    String loader;

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "Environment of the program as the loader reads it (LD_LIBRARY_PATH); repeatable")
    List<String> env = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "NAME",
            description = "$PLATFORM of the target (x86_64, haswell, xeon_phi, aarch64...; default: asked of this"
                    + " machine's ld.so, or glibc's rule on this CPU)")
    String platform;

    @Option(names = "--glibc", paramLabel = "VERSION",
            description = "glibc release of the target's loader (default: read from its ld.so or libc.so.6)")
    String glibc;

    @Option(names = "--hwcaps", paramLabel = "NAMES",
            description = "glibc-hwcaps subdirectories the target CPU supports, best first, comma-separated,"
                    + " or none (default: asked of this machine's ld.so, or from this CPU's flags)")
    String hwcaps;

    /** {@code --platform}, {@code --glibc}, {@code --hwcaps}. */
    public TargetOptions target() {
        return TargetOptions.parse(platform, glibc, hwcaps);
    }

    /** The {@code --loader} model, when given. */
    public Optional<LoaderModel> libraryLoader() {
        return Optional.ofNullable(loader).map(String::trim).map(Loaders::named);
    }

    public LoaderEnvironment environment() {
        return LoaderEnvironment.parse(env);
    }
}
