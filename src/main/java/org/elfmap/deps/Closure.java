package org.elfmap.deps;

import java.util.List;
import java.util.Optional;

/**
 * A dependency closure as the dynamic linker would load it: the program (or the library, as
 * {@code dlopen} and {@code ldd} load one), its interpreter, and every library in load order
 * (breadth first over DT_NEEDED), each once, with where it was found and why; and the names that
 * could not be found.
 *
 * @param mode       whether the file was taken as a program or as a library
 * @param rules      {@code glibc}, {@code musl}, or {@code static} for a program without PT_INTERP
 * @param objects    load order; index 0 is the file asked about; the interpreter, if any, is index 1
 * @param unresolved DT_NEEDED names (or the PT_INTERP path) that could not be loaded
 * @param notes      facts about the search: where default directories came from, cache problems
 * @param glibc      the glibc loader's facts ($PLATFORM, hwcap subdirectories, release, and where
 *                   each came from) when glibc's rules were used
 */
public record Closure(Mode mode, String rules, List<LoadedObject> objects, List<Unresolved> unresolved,
                      List<SearchNote> notes, Optional<GlibcSystem> glibc) {

    /** How the file was taken: what loads it decides which objects there are and who maps them. */
    public enum Mode {
        /** Started by the kernel: it and its PT_INTERP are mapped by the kernel, its DT_NEEDED by the interpreter. */
        PROGRAM("program"),
        /**
         * Loaded by {@code dlopen} (or {@code ldd}, which runs {@code ld.so --list FILE}): mapped by
         * the dynamic linker like its dependencies; the interpreter, which {@code ldd} does not
         * list, is the one the kernel mapped for the program that loads it.
         */
        LIBRARY("library");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Closure {
        objects = List.copyOf(objects);
        unresolved = List.copyOf(unresolved);
        notes = List.copyOf(notes);
    }

    /**
     * A name the loader could not load.
     *
     * @param neededBy the path of the object whose DT_NEEDED (or PT_INTERP) names it
     */
    public record Unresolved(String name, String neededBy, Unloadable reason, List<String> searched) {
        public Unresolved {
            searched = List.copyOf(searched);
        }
    }

    public LoadedObject program() {
        return objects.get(0);
    }

    public Optional<LoadedObject> interpreter() {
        return objects.stream().filter(LoadedObject::isInterpreter).findFirst();
    }

    /** The libraries in load order: everything but the file asked about and its interpreter (what {@code ldd} lists). */
    public List<LoadedObject> libraries() {
        return objects.stream().filter(o -> o.index() != 0 && !o.isInterpreter()).toList();
    }

    public boolean complete() {
        return unresolved.isEmpty();
    }
}
