package org.elfmap.cli;

import java.util.Optional;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.deps.TargetOptions;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options of the commands that predict a whole program ({@code predict}, {@code compare}): the
 * library loader, the environment, and what the target machine is ({@code --platform},
 * {@code --glibc}, {@code --hwcaps}) when it is not this one.
 */
record ProgramOptions(Optional<LoaderModel> libraryLoader, LoaderEnvironment environment, TargetOptions target) {

    static void addTo(CommandSpec spec) {
        spec.addOption(Specs.value("NAME", "Loader model for the libraries (default: the program's own dynamic linker)",
                "-l", "--loader"));
        spec.addOption(Specs.repeatable("NAME=VALUE",
                "Environment of the program as the loader reads it (LD_LIBRARY_PATH, GLIBC_TUNABLES); repeatable",
                "--env"));
        spec.addOption(Specs.value("NAME", "$PLATFORM of the target (x86_64, haswell, xeon_phi, aarch64...; default:"
                + " what this machine's ld.so says, or glibc's rule on this CPU)", "--platform"));
        spec.addOption(Specs.value("VERSION", "glibc release of the target's loader (default: read from its ld.so)", "--glibc"));
        spec.addOption(Specs.value("NAMES", "glibc-hwcaps subdirectories the target CPU supports, best first,"
                + " comma-separated, or none (default: what this machine's ld.so says, or this CPU's flags)", "--hwcaps"));
    }

    static ProgramOptions of(Args a) {
        return new ProgramOptions(a.value("--loader").map(String::trim).map(Loaders::named),
                LoaderEnvironment.parse(a.values("--env")),
                TargetOptions.parse(a.value("--platform").orElse(null), a.value("--glibc").orElse(null),
                        a.value("--hwcaps").orElse(null)));
    }
}
