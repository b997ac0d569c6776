package org.elfmap.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Files of this machine that tests use as real-world examples (/bin/ls, libc.so.6): a machine
 * without them (another distribution, another architecture) skips the test and says why, rather
 * than failing it.
 */
public final class HostFiles {
    private HostFiles() {
    }

    /** The file, or the calling test is skipped. */
    public static Path require(String path) {
        Path p = Path.of(path);
        Assumptions.assumeTrue(Files.isRegularFile(p), path + " is not on this machine");
        return p;
    }

    /** musl's x86-64 dynamic linker, which the musl fixture programs name in PT_INTERP. */
    public static final String MUSL_LOADER = "/lib/ld-musl-x86_64.so.1";

    /** Skips the calling test when musl is not installed: a musl fixture program cannot run here. */
    public static void requireMusl() {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of(MUSL_LOADER)),
                MUSL_LOADER + " is not installed (Debian: musl or musl-tools): the musl fixture programs cannot run");
    }

    /** Whether this machine has the file (for lists of examples that go on without it). */
    public static boolean has(String path) {
        return Files.isRegularFile(Path.of(path));
    }
}
