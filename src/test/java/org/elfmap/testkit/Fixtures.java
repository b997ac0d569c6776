package org.elfmap.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The committed binary fixtures under {@code fixtures/} (each directory has its build script). */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code fixtures/NAME}, absolute; fails the test if it is missing. */
    public static Path dir(String name) {
        Path p = Path.of("fixtures", name).toAbsolutePath();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("fixture directory " + p + " is missing");
        }
        return p;
    }

    /** Copies {@code fixtures/NAME} into {@code target} (permissions kept), returning the copy. */
    public static Path copy(String name, Path target) {
        Path from = dir(name);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

}
