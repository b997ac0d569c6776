package org.elfmap.explain;

import org.elfmap.space.Prediction;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
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
    private final Supplier<OptionalLong> exe;
    private OptionalLong exeInode;
    private final List<ExplainNote> notes = new java.util.ArrayList<>();

    Predictor(boolean enabled, Optional<LoaderModel> libraryLoader, boolean bsd, PageSize page, List<ElfFile> objects) {
        this(enabled, libraryLoader, bsd, page, objects, OptionalLong::empty);
    }

    /**
     * @param exe reads the inode of the live process's {@code /proc/PID/exe} (empty for a capture or
     *            when it cannot be read); called only to word the note on a program the linker's
     *            model fits, at most once
     */
    Predictor(boolean enabled, Optional<LoaderModel> libraryLoader, boolean bsd, PageSize page, List<ElfFile> objects,
              Supplier<OptionalLong> exe) {
        this.exe = exe;
        this.enabled = enabled;
        this.libraryLoader = libraryLoader;
        this.bsd = bsd;
        this.page = page;
        this.processFlavor = processFlavor(objects);
    }

    /**
     * The process's C library: its dynamic linker's flavor, else that of a program naming an
     * interpreter. Loops rather than streams: top asks once per process (C1 keeps a stream's
     * allocations; ~5 % of a scan).
     */
    private static Optional<Flavor> processFlavor(List<ElfFile> objects) {
        for (ElfFile e : objects) {
            if (Flavor.isInterpreter(e)) {
                Flavor f = Flavor.of(e);
                if (f != Flavor.UNKNOWN) {
                    return Optional.of(f);
                }
            }
        }
        for (ElfFile e : objects) {
            if (e.interpreter().isPresent()) {
                Flavor f = Flavor.of(e);
                if (f != Flavor.UNKNOWN) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The loader model that mapped {@code elf} in this process. */
    LoaderModel loaderFor(ElfFile elf) {
        return Loaders.forObject(elf, flavor(elf), libraryLoader);
    }

    /** The dynamic linker's flavor for {@code elf} in this process: FreeBSD's, the interpreter's seen, else its own. */
    private Flavor flavor(ElfFile elf) {
        return bsd ? Flavor.FREEBSD : processFlavor.orElse(Flavor.of(elf));
    }

    /**
     * The verdict on one object: its observed entries (file and anonymous) against its loader's
     * layout. A program the kernel did not exec was mapped by the dynamic linker: run as
     * {@code ld.so PROGRAM} (glibc elf/rtld.c {@code dl_main}: {@code rtld_is_main}, the program
     * loaded by {@code _dl_map_object} like a library). Live or captured, the linker's model is
     * taken only when the kernel's does not match and the linker's does: {@code /proc/PID/exe}
     * alone does not decide it (its inode differs from the mapped file's on overlayfs with
     * {@code xino}, and a tool may map another executable), so it is read only then, to say in
     * the note whether it names another file than the program.
     */
    Prediction check(ElfFile elf, String path, OptionalLong inode, List<MapsEntry> observed) {
        if (!enabled) {
            return NOT_CHECKED;
        }
        LoaderModel loader = loaderFor(elf);
        boolean program = Loaders.isProgram(elf) && !Flavor.isInterpreter(elf);
        Prediction kernel = verdict(loader, elf, path, observed);
        if (program && kernel.status() == Prediction.Status.MISMATCH) {
            LoaderModel linker = linker(elf);
            Prediction byLinker = verdict(linker, elf, path, observed);
            if (byLinker.status() == Prediction.Status.MATCH) {
                notes.add(new ExplainNote.ProgramMappedByLinker(path, linker.name(), exeIsNot(inode)));
                return byLinker;
            }
        }
        return kernel;
    }

    /** Whether {@code /proc/PID/exe} is known to be another file than the one of {@code inode}. */
    private boolean exeIsNot(OptionalLong inode) {
        if (exeInode == null) {
            exeInode = exe.get();
        }
        return exeInode.isPresent() && inode.isPresent() && exeInode.getAsLong() != inode.getAsLong();
    }

    private LoaderModel linker(ElfFile elf) {
        return Loaders.forRole(false, flavor(elf), libraryLoader);
    }

    private Prediction verdict(LoaderModel loader, ElfFile elf, String path, List<MapsEntry> observed) {
        Layout layout = loader.layout(elf, page);
        return refused(loader, layout).orElseGet(() -> PredictionCheck.check(observed, path, layout).prediction());
    }

    /** What the checks found worth a note on the image (a program mapped by its linker). */
    List<ExplainNote> notes() {
        return List.copyOf(notes);
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
