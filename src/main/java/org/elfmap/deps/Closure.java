package org.elfmap.deps;

import java.util.List;
import java.util.Optional;

/**
 * A program's dependency closure as its dynamic linker would load it: the program, its
 * interpreter, and every library in load order (breadth first over DT_NEEDED), each once, with
 * where it was found and why; and the names that could not be found.
 *
 * @param rules      {@code glibc}, {@code musl}, or {@code static} for a program without PT_INTERP
 * @param objects    load order; index 0 is the program; the interpreter, if any, is index 1
 * @param unresolved DT_NEEDED names (or the PT_INTERP path) that could not be loaded
 * @param notes      facts about the search: where default directories came from, cache problems
 */
public record Closure(String rules, List<LoadedObject> objects, List<Unresolved> unresolved, List<String> notes) {

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
    public record Unresolved(String name, String neededBy, String reason, List<String> searched) {
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

    /** The libraries in load order: everything but the program and its interpreter. */
    public List<LoadedObject> libraries() {
        return objects.stream().filter(o -> !o.isProgram() && !o.isInterpreter()).toList();
    }

    public boolean complete() {
        return unresolved.isEmpty();
    }
}
