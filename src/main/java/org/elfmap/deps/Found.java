package org.elfmap.deps;

/**
 * Where an object was found and why there.
 *
 * @param path   the path as the loader names the object (what {@code ldd} prints), not resolved
 *               through symlinks
 * @param via    the search step that found it
 * @param detail the RPATH/RUNPATH owner, cache or path file, in words; may be empty
 */
public record Found(String path, Via via, String detail) {

    public static Found by(String path, SearchDir dir) {
        return new Found(path, dir.via(), dir.owner().isEmpty() ? "" : "of " + dir.owner());
    }

    /** {@code runpath of /tmp/x/app}, {@code ld.so.cache}. */
    public String describe() {
        return detail.isEmpty() ? via.label() : via.label() + " " + detail;
    }
}
