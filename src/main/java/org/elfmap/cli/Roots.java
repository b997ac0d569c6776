package org.elfmap.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.deps.Sysroot;
import org.elfmap.space.RawNames;

/**
 * {@code --root DIR}: an absolute path names a file inside the sysroot, resolved there (symbolic
 * links included: an absolute link target restarts at DIR, so nothing leads out of it;
 * {@link Sysroot#file}); a relative one is the user's, as given.
 */
public final class Roots {
    private Roots() {
    }

    public static Path resolve(Optional<Path> root, Path file) {
        if (root.isEmpty() || !file.isAbsolute()) {
            return file;
        }
        return Sysroot.at(root.get()).file(RawNames.carried(file));
    }
}
