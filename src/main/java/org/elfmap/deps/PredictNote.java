package org.elfmap.deps;

import org.elfmap.space.ImageNote;
import org.elfmap.space.Refusal;

/** What a predicted image leaves out or assumes. */
public sealed interface PredictNote extends ImageNote {
    /** Addresses are relative to each object's load base (absolute for ET_EXEC programs). */
    record RelativeAddresses() implements PredictNote {
    }

    /** [stack], [heap], [vdso], [vvar] and anonymous memory are not predicted from files. */
    record NotPredicted() implements PredictNote {
    }

    /** The loader that maps {@code path} would refuse it. */
    record ObjectRefused(String path, String loader, Refusal refusal) implements PredictNote {
    }
}
