package org.elfmap.explain;

import org.elfmap.space.Prediction;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.Flavor;
import org.elfmap.loader.Layout;
import org.elfmap.loader.BionicModel;
import org.elfmap.loader.BionicOptions;
import org.elfmap.loader.BionicRelease;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.elfmap.maps.MapsEntry;

/**
 * Checks each ELF object's observed entries against what its loader would have done. The loader
 * is the one that mapped the object in this process: the kernel for the program and its
 * interpreter; for libraries, the process's own dynamic linker (known from the interpreter seen
 * among the objects), unless {@code --loader} says otherwise.
 */
final class Predictor {
    private final boolean enabled;
    private final Optional<LoaderModel> libraryLoader;
    private final boolean bsd;
    private final PageSize page;
    private final Optional<Flavor> processFlavor;

    Predictor(boolean enabled, Optional<LoaderModel> libraryLoader, boolean bsd, PageSize page, List<ElfFile> objects) {
        this.enabled = enabled;
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
        Flavor flavor = bsd ? Flavor.FREEBSD : processFlavor.orElse(Flavor.of(elf));
        return Loaders.forObject(elf, flavor, libraryLoader);
    }

    /** The verdict on one object: its observed entries (file and anonymous) against its loader's layout. */
    Prediction check(ElfFile elf, String path, List<MapsEntry> observed) {
        if (!enabled) {
            return NOT_CHECKED;
        }
        LoaderModel loader = loaderFor(elf);
        Layout layout = loader.layout(elf, page);
        return refused(loader, layout).orElseGet(() -> PredictionCheck.check(observed, path, layout).prediction());
    }

    /** The verdict when checking is off ({@code --no-check}, {@code top} unless asked). */
    static final Prediction NOT_CHECKED = Prediction.unavailable(new Prediction.Unavailable.NotChecked());

    /** The verdict on a file its loader refuses to load, when it does. */
    static Optional<Prediction> refused(LoaderModel loader, Layout layout) {
        return layout.refusal().map(r -> Prediction.unavailable(new Prediction.Unavailable.Refused(loader.name(), r)));
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The model for a library bionic loaded in its 16 KiB app-compat mode: {@code --loader}'s
     * bionic with the mode on, or the newest release's; a release before the mode existed (15
     * QPR2) cannot have made such entries, so it is raised to that.
     */
    LoaderModel compatLoader() {
        BionicOptions o = libraryLoader.filter(m -> m instanceof BionicModel).map(m -> ((BionicModel) m).options())
                .orElse(BionicOptions.defaults());
        BionicRelease r = o.release().compareTo(BionicRelease.ANDROID_15_QPR2) < 0 ? BionicRelease.ANDROID_15_QPR2
                : o.release();
        return new BionicModel(new BionicOptions(r, true, o.targetSdk(), o.pgsizeMigration()));
    }

    PageSize page() {
        return page;
    }
}
