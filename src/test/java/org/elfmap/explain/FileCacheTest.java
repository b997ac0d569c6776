package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files mappings name are read once per (dev, inode) for a whole scan, not once per process or path. */
class FileCacheTest {
    static final Path LIB = Path.of("src/test/resources/fixtures/bin/libfix-glibc.so");

    @Test
    void aFileIsReadOncePerDeviceAndInodeWhateverPathLaterMappingsGive(@TempDir Path dir) throws Exception {
        Path a = Files.copy(LIB, dir.resolve("a.so"));
        long inode = (Long) Files.getAttribute(a, "unix:ino");
        String identity = "fe:00:" + inode;
        FileCache files = new FileCache(PageSize.P4K);
        FileCache.Lookup first = files.lookup(a, identity, OptionalLong.of(inode));
        assertThat(first).isInstanceOf(FileCache.Lookup.ElfObject.class);
        // the file is gone: a later mapping of the same (dev, inode) is answered without opening anything
        Files.delete(a);
        assertThat(files.lookup(dir.resolve("elsewhere.so"), identity, OptionalLong.of(inode))).isSameAs(first);
        // without an identity, the path is looked at, and there is nothing there now
        assertThat(files.lookup(a, OptionalLong.of(inode))).isEqualTo(
                new FileCache.Lookup.Unavailable(Prediction.FileProblem.NO_SUCH_FILE));
    }

    @Test
    void aFileWhoseInodeDiffersFromTheMappingsIsNotRememberedForThatIdentity(@TempDir Path dir) throws Exception {
        Path a = Files.copy(LIB, dir.resolve("a.so"));
        long inode = (Long) Files.getAttribute(a, "unix:ino");
        FileCache files = new FileCache(PageSize.P4K);
        String other = "fe:00:" + (inode + 1);
        assertThat(files.lookup(a, other, OptionalLong.of(inode + 1))).isInstanceOf(FileCache.Lookup.Unavailable.class);
        Files.delete(a);
        assertThat(files.lookup(a, other, OptionalLong.of(inode + 1))).isEqualTo(
                new FileCache.Lookup.Unavailable(Prediction.FileProblem.NO_SUCH_FILE));
    }
}
