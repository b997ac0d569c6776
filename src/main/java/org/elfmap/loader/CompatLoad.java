package org.elfmap.loader;

import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;

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
     * The mode applies ({@link BionicRules#compatCandidate}: a 64-bit file, {@code min_align_ ==
     * 4096}, as {@code ElfReader::Read} asks): what it does with {@code elf}. Empty for any other
     * file, and for one the linker refuses before or besides the mode's own test (W+E, past the
     * end of the file): compat does not help there.
     */
    static Optional<CompatLoad> of(ElfFile elf) {
        PageSize page = PageSize.P16K;
        if (!BionicRules.compatCandidate(elf, page)) {
            return Optional.empty();
        }
        BionicModel model = new BionicModel(new BionicOptions(BionicRelease.newest(), true, Optional.empty(),
                Optional.empty()));
        Layout l = model.layout(elf, page);
        if (l.refusal().isPresent()) {
            if (l.refusal().get().reason() == Refusal.Reason.NOT_COMPAT_LOADABLE
                    && BionicCompat.eligibility(elf) instanceof BionicCompat.Eligibility.Ineligible why) {
                return Optional.of(new Refused(why.warning()));
            }
            return Optional.empty();
        }
        for (LayoutNote n : l.notes()) {
            if (n instanceof LayoutNote.CompatLoaded c) {
                return Optional.of(new Loaded(c.reservation(), c.readExecute(), c.reservation() - c.readExecute()));
            }
        }
        return Optional.empty();
    }
}
