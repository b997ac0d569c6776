package org.elfmap.pages.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elfmap.elf.FileByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.pages.LibraryIdentity;
import org.elfmap.testkit.SyntheticZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency directories are read as hardened as check-pages' own input (docs/reliability.md):
 * an AAR whose entries overlap one deflate stream (a zip bomb) is refused before anything is
 * inflated and is no origin, while the same library in a sound AAR, and loose, is found.
 */
class DependencyIndexTest {
    static final Path LIB = Path.of("src/test/resources/fixtures/arm64/arm64-4k.so");

    @TempDir
    Path tmp;

    @Test
    void aZipBombInTheCacheIsRefusedAndTheSoundCopiesAreFound() throws Exception {
        byte[] lib = Files.readAllBytes(LIB);
        LibraryIdentity want;
        try (FileByteSource src = FileByteSource.open(LIB)) {
            want = LibraryIdentity.of("libfoo.so", src, Elf.read(src));
        }
        Path deps = Files.createDirectories(tmp.resolve("deps"));
        SyntheticZip bomb = new SyntheticZip();
        int first = bomb.add("jni/arm64-v8a/libfoo.so", lib, true);
        for (int i = 0; i < 100; i++) {
            bomb.alias("jni/arm64-v8a/libfoo.so", first);
        }
        Files.write(Files.createDirectories(deps.resolve("com/bomb/1.0")).resolve("bomb-1.0.aar"), bomb.bytes());
        SyntheticZip sound = new SyntheticZip();
        sound.add("jni/arm64-v8a/libfoo.so", lib, true);
        Files.write(Files.createDirectories(deps.resolve("com/good/2.0")).resolve("good-2.0.aar"), sound.bytes());
        Files.copy(LIB, Files.createDirectories(deps.resolve("loose")).resolve("libfoo.so"));
        Files.copy(LIB, Files.createDirectories(deps.resolve(".git/objects")).resolve("libfoo.so")); // skipped

        Map<LibraryIdentity, List<Origin>> found = DependencyIndex.find(List.of(deps), List.of(want));
        assertThat(found.get(want)).extracting(Origin::location).containsExactlyInAnyOrder(
                deps.resolve("com/good/2.0/good-2.0.aar") + "!/jni/arm64-v8a/libfoo.so",
                deps.resolve("loose/libfoo.so").toString());
    }
}
