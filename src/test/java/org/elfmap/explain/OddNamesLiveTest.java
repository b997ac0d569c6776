package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.testkit.FixtureProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that procfs prints ambiguously, each given to a live process's dlopen: the library must
 * be found (verdict {@code match}, as every fixture library gets in ExplainLiveTest) by the name
 * that leads to the mapped inode. The kernel writes a newline in a name as {@code \012}
 * ({@code mangle_path}) and leaves a backslash as it is; it appends {@code " (deleted)"} to an
 * unlinked file's name, which a file may also be called.
 */
class OddNamesLiveTest {
    private static final Path LIB = FixtureProcess.BIN.resolve("libfix-glibc.so").toAbsolutePath();

    @Test
    void aFileNamedLikeADeletedOneIsFoundWhenItIsTheMappedInode(@TempDir Path dir) throws Exception {
        Path lib = Files.copy(LIB, dir.resolve("libq.so (deleted)"));
        assertMatches(lib, lib.toString());
    }

    @Test
    void aNewlineInANameIsUnescaped(@TempDir Path dir) throws Exception {
        Path lib = Files.copy(LIB, dir.resolve("libn\nl.so"));
        assertMatches(lib, dir + "/libn\\012l.so");
    }

    @Test
    void aBackslashZeroOneTwoInANameIsTakenLiterallyWhenTheUnescapedNameIsAnotherFile(@TempDir Path dir)
            throws Exception {
        Path lib = Files.copy(LIB, dir.resolve("libb\\012l.so"));
        Files.copy(FixtureProcess.BIN.resolve("libnosep-glibc.so"), dir.resolve("libb\nl.so")); // another inode
        assertMatches(lib, lib.toString());
    }

    private static void assertMatches(Path lib, String shown) throws Exception {
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", lib.toString())) {
            List<String> maps = Files.readAllLines(Path.of("/proc", Integer.toString(run.pid()), "maps"));
            assertThat(maps).as("procfs's own spelling of the name").anyMatch(l -> l.endsWith(" " + shown));
            ObjectImage o = Explainer.explain(new Source.Pid(run.pid())).objects().stream()
                    .filter(x -> x.path().equals(shown)).findFirst()
                    .orElseThrow(() -> new AssertionError("no object " + shown));
            assertThat(o.prediction().orElseThrow().status()).as("%s", o.prediction())
                    .isEqualTo(Prediction.Status.MATCH);
            assertThat(o.prediction().get().reason()).isEmpty();
        }
    }
}
