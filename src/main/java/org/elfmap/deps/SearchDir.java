package org.elfmap.deps;

/**
 * One directory a loader looks in, and why it looks there.
 *
 * @param dir   the directory as the loader spells it after expanding {@code $ORIGIN} and the
 *              like ({@code ""} is the current directory, as an empty RPATH element is)
 * @param via   the search step it belongs to
 * @param owner whose RPATH/RUNPATH it comes from, or the file that lists it; empty otherwise
 */
public record SearchDir(String dir, Via via, String owner) implements SearchStep {

    @Override
    public java.util.Optional<Found> candidate(String name) {
        return java.util.Optional.of(Found.by(pathOf(name), this));
    }

    /** The path the loader tries for {@code name}: {@code dir/name}. */
    public String pathOf(String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** {@code /x/lib (runpath of /x/app)}. */
    @Override
    public String describe() {
        String where = dir.isEmpty() ? "." : dir;
        return where + " (" + (owner.isEmpty() ? via.label() : via.label() + " of " + owner) + ")";
    }
}
