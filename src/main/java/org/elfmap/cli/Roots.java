package org.elfmap.cli;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --root DIR}: an absolute path names a file inside the sysroot; a relative one is as given. */
public final class Roots {
    private Roots() {
    }

    public static Path resolve(Optional<Path> root, Path file) {
        if (root.isEmpty() || !file.isAbsolute()) {
            return file;
        }
        return root.get().resolve(file.toString().substring(1));
    }
}
