package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.BadInputException;
import org.elfmap.testkit.ChildElfmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments that used to grow without bound or mean something else (issue 16 items 9 and 15):
 * {@code @LIST} files of endless lines or endless length, quoted input in messages, an empty
 * argument, a trailing '/', a link loop named on the command line (a missing {@code --root}:
 * {@code UsageErrorsTest}).
 */
class ArgumentBoundsTest {
    @TempDir
    Path tmp;

    /** {@code layout @/dev/zero} grew to 2.5 GB and died: now the first line is too long, in a 64 MiB heap. */
    @Test
    void anEndlessListIsRefusedAtItsFirstOverlongLine() throws Exception {
        ChildElfmap run = ChildElfmap.run(tmp, "64m", List.of(), 60, "layout", "@/dev/zero");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("elfmap: /dev/zero:1: a line longer than 4096 bytes (PATH_MAX): not a path\n");
    }

    /** A 200 MB line became a 400 MB "one-line" error; the line is no longer quoted at all. */
    @Test
    void aLongLineInAListIsNotQuotedInTheError() throws Exception {
        Path list = tmp.resolve("list");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(list))) {
            for (int i = 0; i < 10 << 20; i++) {
                out.write('a');
            }
        }
        CliRun run = CliRun.of("layout", "@" + list);
        run.failsWith("list:1", "longer than 4096 bytes").oneErrorLine();
        assertThat(run.err().length()).isLessThan(300);
    }

    @Test
    void aListWithMoreLinesThanTheBoundIsRefused() throws Exception {
        Path list = tmp.resolve("lines");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(list), 1 << 20)) {
            for (int i = 0; i <= PathArguments.MAX_LINES; i++) {
                out.write('\n');
            }
        }
        CliRun.of("layout", "@" + list).failsWith("lines:16777217", "more than 16777216 lines").oneErrorLine();
    }

    @Test
    void quotedInputIsCutInAMessage() {
        String huge = "x".repeat(10 << 20);
        BadInputException e = new BadInputException(huge, "bad line '" + huge + "'");
        assertThat(e.getMessage().length()).isLessThan(4000);
        assertThat(e.getMessage()).contains("characters cut").doesNotContain("\n");
    }

    @Test
    void anEmptyArgumentIsNotTheCurrentDirectory() {
        CliRun.of("layout", "").failsWith("argument 1: an empty path names no file").oneErrorLine();
        CliRun.of("check-pages", "").failsWith("an empty path").oneErrorLine();
    }

    /** {@code open("/bin/true/")} is ENOTDIR; Path drops the slash, so the name is checked as given. */
    @Test
    void aFileNamedWithATrailingSlashIsNotADirectory() throws Exception {
        Path f = Files.copy(Path.of("src/test/resources/fixtures/arm64/arm64-16k.so"), tmp.resolve("lib.so"));
        CliRun.of("layout", f + "/").failsWith("not a directory").oneErrorLine();
        CliRun.of("check-pages", f + "/").failsWith("not a directory").oneErrorLine();
        assertThat(CliRun.of("check-pages", tmp + "/").exit()).isZero();
    }

    @Test
    void aSymlinkLoopNamedOnTheCommandLineIsReportedAsALoop() throws Exception {
        Path a = tmp.resolve("a");
        Files.createSymbolicLink(a, tmp.resolve("b"));
        Files.createSymbolicLink(tmp.resolve("b"), a);
        for (String command : List.of("layout", "predict", "check-pages")) {
            CliRun.of(command, a.toString()).failsWith("Too many levels of symbolic links").oneErrorLine();
        }
    }
}
