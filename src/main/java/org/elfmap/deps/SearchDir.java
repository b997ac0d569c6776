package org.elfmap.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One directory a loader looks in, and why it looks there.
 *
 * @param dir     the directory as the loader spells it after expanding {@code $ORIGIN} and the
 *                like ({@code ""} is the current directory, as an empty RPATH element is)
 * @param via     the search step it belongs to
 * @param owner   whose RPATH/RUNPATH it comes from, or the file that lists it; empty otherwise
 * @param subdirs the subdirectories glibc tries first, in order, ending with {@code ""} for the
 *                directory itself ({@code open_path} walks {@code capstr} for every directory:
 *                {@code glibc-hwcaps/x86-64-v3}, legacy {@code tls/x86_64}...); musl: only {@code ""}
 */
public record SearchDir(String dir, Via via, String owner, List<String> subdirs) implements SearchStep {
    private static final List<String> ONLY_ITSELF = List.of("");

    public SearchDir {
        subdirs = List.copyOf(subdirs);
    }

    /** A directory searched by itself, without subdirectories. */
    public SearchDir(String dir, Via via, String owner) {
        this(dir, via, owner, ONLY_ITSELF);
    }

    /** Nothing when the directory is not there; else each subdirectory that is there, then the directory itself. */
    @Override
    public List<Found> candidates(String name, Predicate<String> isDirectory) {
        if (!isDirectory.test(dir.isEmpty() ? "." : dir)) {
            return List.of();
        }
        List<Found> out = new ArrayList<>(subdirs.size());
        for (String sub : subdirs) {
            if (sub.isEmpty()) {
                out.add(Found.by(pathOf(name), this));
            } else if (isDirectory.test(pathOf(sub))) {
                out.add(Found.by(pathOf(sub + "/" + name), this));
            }
        }
        return out;
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
