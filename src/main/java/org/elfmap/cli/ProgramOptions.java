package org.elfmap.cli;

import java.util.Optional;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import picocli.CommandLine.Model.CommandSpec;

/** Options of the commands that predict a whole program ({@code predict}, {@code compare}). */
record ProgramOptions(Optional<LoaderModel> libraryLoader, LoaderEnvironment environment) {

    static void addTo(CommandSpec spec) {
        spec.addOption(Specs.value("NAME", "Loader model for the libraries (default: the program's own dynamic linker)",
                "-l", "--loader"));
        spec.addOption(Specs.repeatable("NAME=VALUE",
                "Environment of the program as the loader reads it (LD_LIBRARY_PATH); repeatable", "--env"));
    }

    static ProgramOptions of(Args a) {
        return new ProgramOptions(a.value("--loader").map(String::trim).map(Loaders::named),
                LoaderEnvironment.parse(a.values("--env")));
    }
}
