package org.elfmap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.deps.LoaderEnvironment;
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

    /** The {@code --loader} model, when given. */
    public Optional<LoaderModel> libraryLoader() {
        return Optional.ofNullable(loader).map(String::trim).map(Loaders::named);
    }

    public LoaderEnvironment environment() {
        return LoaderEnvironment.parse(env);
    }
}
