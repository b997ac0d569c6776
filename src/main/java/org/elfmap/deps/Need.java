package org.elfmap.deps;

import java.util.List;

/** One DT_NEEDED entry of an object and what became of it. */
public sealed interface Need permits Need.Loaded, Need.Missing, Need.Refused {

    /** The name as DT_NEEDED spells it. */
    String name();

    /**
     * Resolved to object {@code object} (an index into {@link Closure#objects()}).
     *
     * @param firstLoad true when this entry brought the object in; false when it was already loaded
     * @param skipped   files the search passed over (wrong class or machine), with the reason
     */
    record Loaded(String name, int object, boolean firstLoad, List<Skipped> skipped) implements Need {
        public Loaded {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Not found, or found but not loadable.
     *
     * @param reason   why ({@code output.Words} gives the loader's words where it has them:
     *                 {@code cannot open shared object file})
     * @param searched the search steps tried, in order
     */
    record Missing(String name, Unloadable reason, List<String> searched, List<Skipped> skipped) implements Need {
        public Missing {
            searched = List.copyOf(searched);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Found, opened, and refused by the loader: a fatal error that stops the loading
     * ({@code _dl_signal_error}), not a reason to search on.
     *
     * @param path   the file found
     * @param reason why ({@code cannot dynamically load position-independent executable})
     */
    record Refused(String name, String path, LoadRefusal reason, List<Skipped> skipped) implements Need {
        public Refused {
            skipped = List.copyOf(skipped);
        }
    }
}
