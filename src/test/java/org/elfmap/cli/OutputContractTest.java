package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elfmap.Printable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output contract (contract "Output formats", "Common options"): the format chosen once,
 * {@code --json} its synonym, unsupported formats refused in one line; write errors are errors
 * but a reader that went away is not; untrusted names never reach a terminal raw, and JSON keeps
 * them exact; internal errors exit 70, said as such.
 */
class OutputContractTest {
    private static final String TRUE = "/bin/true";

    @Test
    void jsonIsASynonymOfFormatJson() {
        CliRun a = CliRun.of("layout", "--json", TRUE);
        CliRun b = CliRun.of("layout", "--format", "json", TRUE);
        assertThat(a.exit()).isZero();
        assertThat(a.out()).isEqualTo(b.out()).startsWith("[");
    }

    @Test
    void aFormatTheCommandDoesNotWriteIsOneLine() {
        CliRun.of("layout", "--format", "sarif", TRUE).failsWith("layout does not write sarif", "text, json")
                .oneErrorLine();
        CliRun.of("layout", "--format", "yaml", TRUE).failsWith("unknown format 'yaml' (layout writes text, json)")
                .oneErrorLine();
        CliRun.of("layout", "--json", "--format", "text", TRUE).failsWith("--json", "contradicts").oneErrorLine();
    }

    @Test
    void explainsOldFormatOptionStillNamesTheCaptureFormatWithAWarning(@TempDir Path dir) throws IOException {
        Path maps = dir.resolve("self.maps");
        Files.copy(Path.of("/proc/self/maps"), maps);
        CliRun old = CliRun.of("explain", "--format", "linux-maps", maps.toString());
        assertThat(old.exit()).isZero();
        assertThat(old.err()).startsWith("elfmap: warning: --format linux-maps names an input format").hasLineCount(1);
        assertThat(old.out()).isEqualTo(CliRun.of("explain", "--input-format", "linux-maps", maps.toString()).out());
    }

    /** compare takes --input-format as explain does (contract "Inputs"), for each side that is a capture. */
    @Test
    void compareReadsBothCapturesInTheInputFormatGiven(@TempDir Path dir) throws IOException {
        Path a = Files.copy(Path.of("/proc/self/maps"), dir.resolve("a.txt"));
        Path b = Files.copy(Path.of("/proc/self/maps"), dir.resolve("b.txt"));
        CliRun given = CliRun.of("compare", "--json", "--input-format", "linux-maps", a.toString(), b.toString());
        assertThat(given.exit()).as(given.err()).isZero();
        assertThat(given.out()).isEqualTo(CliRun.of("compare", "--json", a.toString(), b.toString()).out());
        // the format applies to the sides: plain maps read as smaps is refused, naming the first side
        CliRun.of("compare", "--input-format", "linux-smaps", a.toString(), b.toString())
                .failsWith(a + ":1: not smaps").oneErrorLine();
        CliRun.of("compare", "--input-format", "nope", a.toString(), b.toString()).failsWith("--input-format", "nope")
                .oneErrorLine();
        String pid = Long.toString(ProcessHandle.current().pid());
        CliRun.of("compare", "--input-format", "linux-maps", pid, pid).failsWith("--input-format", "neither side")
                .oneErrorLine();
        // standard input is a capture too
        assertThat(org.elfmap.compare.Operand.isCapture("-", java.util.Optional.empty())).isTrue();
        assertThat(org.elfmap.compare.Operand.isCapture("/bin/sh", java.util.Optional.empty())).isFalse();
    }

    @Test
    void anInputFormatForALiveProcessIsRefusedNotIgnored() {
        String pid = Long.toString(ProcessHandle.current().pid());
        CliRun.of("explain", "--input-format", "linux-maps", pid).failsWith("--input-format", "live process")
                .oneErrorLine();
    }

    @Test
    void aFullDiskIsOneLineAndExitTwo() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        StringWriter err = new StringWriter();
        int code;
        try (OutputStream o = new FileOutputStream(full.toFile())) {
            code = Main.run(new String[] {"layout", TRUE}, stdout(o), new PrintWriter(err));
        }
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("elfmap: cannot write the output: No space left on device").hasLineCount(1);
    }

    /**
     * An output larger than the writer's buffer fails inside the command; the final flush must not
     * fail (and say so) a second time. Help is output too: a write error there is not a bug.
     */
    @Test
    void aWriteErrorIsReportedOnceWhateverTheOutputSize() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        String[][] runs = {{"layout", "--json", "--loader", "all", "/bin/ls"}, {"help", "top"}, {"top", "--help"}};
        for (String[] args : runs) {
            StringWriter err = new StringWriter();
            int code;
            try (OutputStream o = new FileOutputStream(full.toFile())) {
                code = Main.run(args, stdout(o), new PrintWriter(err));
            }
            assertThat(code).as(String.join(" ", args)).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(err.toString()).as(String.join(" ", args))
                    .isEqualTo("elfmap: cannot write the output: No space left on device\n");
        }
    }

    @Test
    void aReaderThatClosedThePipeEndsTheRunQuietly() {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"layout", "--format", "json", TRUE, TRUE}, stdout(closed), new PrintWriter(err));
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void namesThatWouldDriveTheTerminalAreEscapedInTextAndExactInJson(@TempDir Path dir) throws IOException {
        // ESC ] (OSC: set the window title), BEL, the 8-bit CSI U+009B, a right-to-left override
        String evil = "/tmp/\u001b]0;pwned\u0007evil\u009b31m\u202eso";
        String named = "[anon:\u001b[31mred\rfake]";
        Path maps = dir.resolve("evil.maps");
        Files.writeString(maps, "55e000000000-55e000001000 r--p 00000000 fe:01 123 " + evil + "\n"
                + "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 " + named + "\n", StandardCharsets.UTF_8);
        CliRun text = CliRun.of("explain", "-v", maps.toString());
        assertThat(text.exit()).isZero();
        for (char c : text.out().toCharArray()) {
            assertThat(c == '\n' || !Printable.unsafe(c)).as("U+%04x in text output", (int) c).isTrue();
        }
        assertThat(text.out()).contains("\\x1b]0;pwned\\x07evil\\u009b31m\\u202eso");
        List<String> paths = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(CliRun.of("explain", "--json", maps.toString()).out())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("path")) {
                    p.nextToken();
                    paths.add(p.getText());
                }
            }
        }
        assertThat(paths).contains(evil, named);
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorExit70() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] b, int off, int len) {
                throw new IllegalStateException("a bug");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"layout", TRUE}, new PrintWriter(broken), new PrintWriter(err));
        assertThat(code).isEqualTo(Main.EXIT_INTERNAL);
        assertThat(err.toString()).startsWith("elfmap: internal error: java.lang.IllegalStateException: a bug")
                .contains("--debug").hasLineCount(1);
    }

    @Test
    void runningOutOfMemoryIsOneLineNotAJvmTrace() {
        Writer exhausted = new Writer() {
            @Override
            public void write(char[] b, int off, int len) {
                throw new OutOfMemoryError("Java heap space");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"layout", TRUE}, new PrintWriter(exhausted), new PrintWriter(err));
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("elfmap: out of memory").hasLineCount(1);
    }

    /** {@code explain <&-}: the shell closed descriptor 0 before the JVM started. */
    @Test
    void aClosedStandardInputIsRefusedInOneLine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "exec \"$0\" -cp \"$1\" org.elfmap.cli.Main explain - <&-", java,
                System.getProperty("java.class.path"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("ELFMAP_STDIN");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).startsWith("elfmap: -: standard input is closed").hasLineCount(1);
    }

    private static PrintWriter stdout(OutputStream o) {
        return new PrintWriter(new OutputStreamWriter(new StandardOutput(o), StandardCharsets.UTF_8), false);
    }
}
