package org.elfmap.pages;

import java.util.List;
import java.util.Optional;
import org.elfmap.loader.LoaderModel;
import org.elfmap.space.PageSize;

/**
 * @param allAbis  32-bit Android ABIs fail the run too
 * @param whatIf   page sizes to lay each file out at (empty: no what-if)
 * @param loader   the model for what-if layouts; default: the file's own
 */
public record CheckOptions(PageSize page, boolean allAbis, List<PageSize> whatIf, Optional<LoaderModel> loader) {
    public CheckOptions {
        whatIf = List.copyOf(whatIf);
    }
}
