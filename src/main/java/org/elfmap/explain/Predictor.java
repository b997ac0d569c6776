package org.elfmap.explain;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.Flavor;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.loader.PageSize;
import org.elfmap.maps.MapsEntry;

/**
 * Checks each ELF object's observed entries against what its loader would have done. The loader
 * is the one that mapped the object in this process: the kernel for the program and its
 * interpreter; for libraries, the process's own dynamic linker (known from the interpreter seen
 * among the objects), unless {@code --loader} says otherwise.
 */
final class Predictor {
    private final Optional<LoaderModel> libraryLoader;
    private final boolean bsd;
    private final PageSize page;
    private final Optional<Flavor> processFlavor;

    Predictor(Optional<LoaderModel> libraryLoader, boolean bsd, PageSize page, List<ElfFile> objects) {
        this.libraryLoader = libraryLoader;
        this.bsd = bsd;
        this.page = page;
        this.processFlavor = objects.stream().filter(Flavor::isInterpreter).map(Flavor::of)
                .filter(f -> f != Flavor.UNKNOWN).findFirst()
                .or(() -> objects.stream().filter(e -> e.interpreter().isPresent()).map(Flavor::of)
                        .filter(f -> f != Flavor.UNKNOWN).findFirst());
    }

    /** The loader model that mapped {@code elf} in this process. */
    LoaderModel loaderFor(ElfFile elf) {
        if (Loaders.isProgram(elf)) {
            return Loaders.named(bsd ? "freebsd-kernel" : "linux-kernel");
        }
        if (libraryLoader.isPresent()) {
            return libraryLoader.get();
        }
        if (bsd) {
            return Loaders.named("freebsd");
        }
        return switch (processFlavor.orElse(Flavor.of(elf))) {
            case MUSL -> Loaders.named("musl");
            case BIONIC -> Loaders.named("bionic");
            default -> Loaders.named("glibc");
        };
    }

    Prediction check(ElfFile elf, long base, List<MapsEntry> observed) {
        return Prediction.unavailable("the prediction check is not built yet (loader " + loaderFor(elf).name() + ")");
    }

    PageSize page() {
        return page;
    }
}
