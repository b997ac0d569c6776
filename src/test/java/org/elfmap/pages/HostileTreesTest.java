package org.elfmap.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.cli.CliRun;
import org.elfmap.testkit.ChildElfmap;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees that try to take {@code check-pages} elsewhere or stop it (issue 16 items 2, 3 and 15):
 * links to {@code /} and {@code /proc/self}, link loops, FIFOs, unreadable directories, and odd
 * paths named on the command line.
 */
class HostileTreesTest {
    static final Path LIB = Path.of("src/test/resources/fixtures/arm64/arm64-16k.so");

    @TempDir
    Path tmp;

    private Path treeWithOneLibrary() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.copy(LIB, tree.resolve("libok.so"));
        return tree;
    }

    @Test
    void linksToTheRootAndToProcSelfDoNotTakeTheWalkOutOfTheTree() throws Exception {
        Path tree = treeWithOneLibrary();
        Files.createSymbolicLink(tree.resolve("root"), Path.of("/"));
        Files.createSymbolicLink(tree.resolve("self"), Path.of("/proc/self"));
        Files.createDirectories(tree.resolve("sub"));
        Files.createSymbolicLink(tree.resolve("sub/up"), Path.of("..")); // inside the tree: nothing lost
        CliRun run = CliRun.of("check-pages", tree.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 ELF file checked").contains("2 links leading out of the tree not followed");
        assertThat(run.err()).isEmpty();
        CliRun json = CliRun.of("check-pages", "--json", tree.toString());
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(doc.get("checked").asInt()).isEqualTo(1);
        assertThat(doc.get("linksNotFollowed").asInt()).isEqualTo(2);
    }

    @Test
    void followWalksLinkedDirectoriesOnceAndEndsLoops() throws Exception {
        Path tree = treeWithOneLibrary();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(Path.of("src/test/resources/fixtures/arm64/arm64-4k.so"), elsewhere.resolve("libold.so"));
        Files.createSymbolicLink(elsewhere.resolve("back"), tree); // elsewhere/back -> tree: a loop through two links
        Files.createSymbolicLink(tree.resolve("out"), elsewhere);
        Files.createSymbolicLink(tree.resolve("again"), elsewhere); // the same directory by a second link
        Files.createSymbolicLink(tree.resolve("self"), Path.of("."));
        CliRun plain = CliRun.of("check-pages", tree.toString());
        assertThat(plain.out()).contains("1 ELF file checked");
        CliRun follow = CliRun.of("check-pages", "--follow", tree.toString());
        assertThat(follow.exit()).as(follow.err()).isEqualTo(1); // the 4 KiB library fails at 16 KiB
        assertThat(follow.out()).contains("2 ELF files checked").contains("1 fail").doesNotContain("not followed");
        assertThat(follow.out().lines().filter(l -> l.contains("libold.so"))).hasSize(1);
    }

    /**
     * A file or directory that cannot be read is not checked (nothing is known of its pages), not
     * {@code malformed} (which says the bytes are wrong) and not counted as an ELF file checked:
     * one line on stderr, listed as not checked, exit 2, and the rest of the tree is checked. Named
     * on the command line, the same, as a path that does not exist is. As root (who may read any
     * file), the child runs under {@code setpriv} without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH,
     * the capabilities that let root past a file's permissions.
     */
    @Test
    void anUnreadableFileOrDirectoryIsNotCheckedAndTheWalkGoesOn() throws Exception {
        Path tree = treeWithOneLibrary();
        Path locked = Files.createDirectories(tree.resolve("locked"));
        Files.copy(LIB, locked.resolve("libhidden.so"));
        Path secret = Files.copy(LIB, tree.resolve("libsecret.so"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        List<String> prefix = new ArrayList<>();
        if (isRoot()) {
            assumeTrue(Tools.has("setpriv", "--version"), "setpriv (util-linux) drops root's right to read any file");
            prefix.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
        }
        try {
            ChildElfmap run = ChildElfmap.run(tmp, "64m", prefix, 60, "check-pages", tree.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            assertThat(run.out()).doesNotContain("malformed").doesNotContain("FAIL")
                    .contains("ok    " + tree.resolve("libok.so"))
                    .contains("1 ELF file checked at 16k pages: 0 fail; 2 paths could not be checked (exit 2)");
            // in the walk's byte order of names: libok.so, libsecret.so, locked
            assertThat(run.err()).isEqualTo("elfmap: " + secret + ": cannot read: permission denied\n"
                    + "elfmap: " + locked + ": cannot read the directory: permission denied\n");
            ChildElfmap json = ChildElfmap.run(tmp, "64m", prefix, 60, "check-pages", "--json", tree.toString());
            assertThat(json.out()).contains("\"checked\" : 1", "\"notChecked\" : [",
                    "\"" + secret + ": cannot read: permission denied\"");
            ChildElfmap named = ChildElfmap.run(tmp, "64m", prefix, 60, "check-pages", secret.toString());
            assertThat(named.exit()).isEqualTo(2);
            assertThat(named.err()).isEqualTo("elfmap: " + secret + ": cannot read: permission denied\n");
            assertThat(named.out()).contains("0 ELF files checked at 16k pages: 0 fail; 1 path could not be checked");
            ChildElfmap dir = ChildElfmap.run(tmp, "64m", prefix, 60, "check-pages", locked.toString());
            assertThat(dir.exit()).isEqualTo(2);
            assertThat(dir.err()).isEqualTo("elfmap: " + locked + ": cannot read the directory: permission denied\n");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Under {@code --root}, a link in the tree to a file outside the root is not followed (issue 16 item 13). */
    @Test
    void underRootNoLinkInATreeLeadsOutOfTheRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.copy(LIB, lib.resolve("libok.so"));
        Files.createSymbolicLink(lib.resolve("libhost.so"),
                Path.of("src/test/resources/fixtures/arm64/arm64-4k.so").toAbsolutePath());
        CliRun outside = CliRun.of("check-pages", lib.toString());
        assertThat(outside.out()).contains("2 ELF files checked at 16k pages: 1 fail");
        CliRun inside = CliRun.of("check-pages", "--root", root.toString(), "/lib");
        assertThat(inside.exit()).as(inside.err()).isZero();
        assertThat(inside.out()).contains("1 ELF file checked at 16k pages: 0 fail")
                .contains("1 link leading out of the tree not followed");
    }

    @Test
    void aFifoIsNeverOpenedNamedOrInATree() throws Exception {
        assumeTrue(Tools.has("mkfifo", "--version"), "mkfifo makes the FIFO");
        Path tree = treeWithOneLibrary();
        Path fifo = tree.resolve("pipe.so");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // in a child, so that a regression hangs the child (killed after 30 s), not the build
        ChildElfmap named = ChildElfmap.run(tmp, "64m", List.of(), 30, "check-pages", fifo.toString());
        assertThat(named.exit()).as("exit (-1: it hung)").isEqualTo(2);
        assertThat(named.err()).contains("not a regular file or directory").hasLineCount(1);
        ChildElfmap tree2 = ChildElfmap.run(tmp, "64m", List.of(), 30, "check-pages", tree.toString());
        assertThat(tree2.exit()).as("exit (-1: it hung)").isZero();
        assertThat(tree2.out()).contains("1 ELF file checked");
    }

    @Test
    void aSymlinkLoopNamedOnTheCommandLineIsReportedAsALoop() throws Exception {
        Path a = tmp.resolve("a");
        Files.createSymbolicLink(a, tmp.resolve("b"));
        Files.createSymbolicLink(tmp.resolve("b"), a);
        CliRun.of("check-pages", a.toString()).failsWith("Too many levels of symbolic links").oneErrorLine();
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nothing"));
        CliRun.of("check-pages", dangling.toString()).failsWith("symbolic link to nothing").oneErrorLine();
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

}
