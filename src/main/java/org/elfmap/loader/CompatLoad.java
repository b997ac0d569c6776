package org.elfmap.loader;

import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.PageSize;

/**
 * What a library whose smallest PT_LOAD alignment is 4 KiB gets on an Android device of 16 KiB
 * pages that runs its app in the 16 KiB app-compat mode (Android 15 QPR2 and later: the system
 * property {@code bionic.linker.16kb.app_compat.enabled}, or the per-app switch; without the mode
 * the linker refuses it). Read by {@code check-pages} to say so next to the alignment problem.
 */
public sealed interface CompatLoad {

    /**
     * Loaded: one anonymous reservation named {@code "PATH (compat loaded)"}, {@code readExecute}
     * bytes of it r-x and {@code readWrite} rw-, none of it shared with the file.
     */
    record Loaded(long reservation, long readExecute, long readWrite) implements CompatLoad {
    }

    /**
     * Not even the compat mode loads it: {@code warning} is the linker's reason (empty where the
     * source dereferences a null first read-write segment).
     */
    record Refused(String warning) implements CompatLoad {
    }

    /**
     * The mode applies (a 64-bit file, {@code min_align_ == 4096}, as {@code ElfReader::Read}
     * asks): what it does with {@code elf}. Empty for any other file.
     */
    static Optional<CompatLoad> of(ElfFile elf) {
        PageSize page = PageSize.P16K;
        if (!elf.header().is64() || BionicRules.minAlign(elf, page) != 4096) {
            return Optional.empty();
        }
        BionicModel model = new BionicModel(new BionicOptions(BionicRelease.newest(), true, Optional.empty(),
                Optional.empty()));
        Layout l = model.layout(elf, page);
        if (l.refusal().isPresent()) {
            if (l.refusal().get().reason() != org.elfmap.space.Refusal.Reason.NOT_COMPAT_LOADABLE) {
                return Optional.empty(); // refused for something else (W+E, past the end): compat does not help
            }
            String warning = l.notes().stream().filter(n -> n instanceof LayoutNote.LoaderWarns).map(
                    n -> ((LayoutNote.LoaderWarns) n).message()).findFirst().orElse("");
            return Optional.of(new Refused(warning));
        }
        long rx = l.mappings().stream().filter(m -> m.prot().exec()).mapToLong(Mapping::length).sum();
        long all = l.mappings().stream().mapToLong(Mapping::length).sum();
        return Optional.of(new Loaded(all, rx, all - rx));
    }
}
