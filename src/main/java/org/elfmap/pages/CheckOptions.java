package org.elfmap.pages;

import java.util.List;
import java.util.Optional;
import org.elfmap.loader.LoaderModel;
import org.elfmap.space.PageSize;

/**
 * @param allAbis  32-bit Android ABIs and ELFCLASS32 files fail the run too
 * @param whatIf   page sizes to lay each file out at (empty: no what-if)
 * @param loader   the model for what-if layouts; default: the file's own
 * @param identify compute the {@link LibraryIdentity} of every library with problems
 */
public record CheckOptions(PageSize page, boolean allAbis, List<PageSize> whatIf, Optional<LoaderModel> loader,
                           boolean identify) {
    public CheckOptions {
        whatIf = List.copyOf(whatIf);
    }

    public CheckOptions(PageSize page, boolean allAbis, List<PageSize> whatIf, Optional<LoaderModel> loader) {
        this(page, allAbis, whatIf, loader, false);
    }
}
