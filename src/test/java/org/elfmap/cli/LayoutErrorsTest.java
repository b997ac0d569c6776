package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elfmap layout} on bad input, as a user sees it: exit code 2, one line per bad file naming
 * it (and the offset where there is one), no stack trace unless {@code --debug}, and the good
 * files of the same command line still laid out.
 */
class LayoutErrorsTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] lib() {
        return SyntheticElf.elf64().load(0, 0, 0x1000, 0x1000, "rx", 0x1000)
                .load(0x1000, 0x2000, 0x100, 0x800, "rw", 0x1000).bytes();
    }

    @Test
    void emptyTruncatedAndNonElfFiles() throws IOException {
        Path empty = file("empty", new byte[0]);
        CliRun.of("layout", empty.toString()).failsWith(empty + ": empty file, not ELF").oneErrorLine();
        Path script = file("script.sh", "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII));
        CliRun.of("layout", script.toString()).failsWith(script + ": not an ELF file").oneErrorLine();
        Path cut = file("cut.so", Arrays.copyOf(lib(), 100));
        CliRun.of("layout", cut.toString()).failsWith(cut + ": program header table", "(at offset 0x40)").oneErrorLine();
    }

    @Test
    void directoryMissingFileAndFifo() throws Exception {
        CliRun.of("layout", dir.toString()).failsWith(dir + ": is a directory").oneErrorLine();
        CliRun.of("layout", dir.resolve("missing.so").toString()).failsWith("missing.so: no such file").oneErrorLine();
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliRun.of("layout", fifo.toString()).failsWith(fifo + ": is not a regular file").oneErrorLine();
    }

    @Test
    void headerFieldsWithTheTopBitSet() throws IOException {
        byte[] b = lib();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 56 + 8, 0x8000_0000_0000_1000L);
        Path f = file("topbit.so", b);
        CliRun.of("layout", f.toString()).failsWith(f + ": PT_LOAD 1", "ends beyond 2^63", "(at offset 0x78)")
                .oneErrorLine();
    }

    @Test
    void badFilesAreReportedAndTheGoodOnesStillLaidOut() throws IOException {
        Path good = file("good.so", lib());
        Path bad = file("bad.so", new byte[] {0x7f, 'E', 'L', 'F', 9});
        CliRun run = CliRun.of("layout", bad.toString(), good.toString(), dir.resolve("gone.so").toString());
        assertThat(run.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err().lines()).hasSize(2).allMatch(l -> l.startsWith("elfmap: "));
        assertThat(run.out()).contains(good + ": ELF64").doesNotContain("bad.so");
    }

    @Test
    void jsonOutputStaysValidWhenSomeFilesAreBad() throws IOException {
        Path good = file("good.so", lib());
        Path bad = file("bad.so", new byte[0]);
        CliRun run = CliRun.of("layout", "--json", bad.toString(), good.toString());
        assertThat(run.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).isEqualTo("elfmap: " + bad + ": empty file, not ELF\n");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).size()).isEqualTo(1);
    }

    @Test
    void segmentsOutOfOrderAreLaidOutWithANote() throws IOException {
        Path f = file("reversed.so", SyntheticElf.elf64().load(0x1000, 0x5000, 0x100, 0x800, "rw", 0x1000)
                .load(0, 0, 0x1000, 0x1000, "rx", 0x1000).bytes());
        CliRun run = CliRun.of("layout", "--loader", "all", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("not in ascending p_vaddr order").contains("REFUSED by freebsd");
    }

    @Test
    void badOptionsAreOneLineToo() throws IOException {
        Path good = file("good.so", lib());
        CliRun.of("layout", "--page-size", "banana", good.toString()).failsWith("--page-size: 'banana' is not a page size")
                .oneErrorLine();
        CliRun.of("layout", "--page-size", "3000", good.toString()).failsWith("not a power of two").oneErrorLine();
        CliRun.of("layout", "--page-size", "99999999999999999999k", good.toString()).failsWith("--page-size")
                .oneErrorLine();
        CliRun.of("layout", "--loader", "dos", good.toString()).failsWith("unknown loader 'dos'").oneErrorLine();
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path empty = file("empty", new byte[0]);
        CliRun run = CliRun.of("layout", "--debug", empty.toString());
        assertThat(run.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("elfmap: " + empty + ": empty file, not ELF").contains("\tat org.elfmap.");
    }

    /**
     * A file its reader may not read: mode 000, read by {@code nobody}. As root (this project's CI)
     * permissions do not apply to us, so the command runs in a child JVM under {@code setpriv}
     * with a class path {@code nobody} can read.
     */
    @Test
    @Timeout(60)
    void unreadableFile() throws Exception {
        Path f = file("secret.so", lib());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        if (!"root".equals(System.getProperty("user.name"))) {
            CliRun.of("layout", f.toString()).failsWith(f + ": permission denied").oneErrorLine();
            return;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process p = asNobody("layout", f.toString());
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err).isEqualTo("elfmap: " + f + ": permission denied\n");
    }

    /** Runs the CLI as nobody, with the compiled classes and runtime jars copied where nobody can read them. */
    private Process asNobody(String... args) throws IOException {
        Path cp = Files.createDirectories(dir.resolve("cp"));
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path src = Path.of(e);
            if (e.endsWith("target/classes")) {
                entries.add(e); // /work is world-readable
            } else if (e.matches(".*/(picocli|jackson-core|commons-compress|commons-io|commons-lang3)-[^/]*\\.jar")) {
                Path copy = Files.copy(src, cp.resolve(src.getFileName()));
                entries.add(copy.toString());
            }
        }
        Files.setPosixFilePermissions(cp, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                String.join(File.pathSeparator, entries), "org.elfmap.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
