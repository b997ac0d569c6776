package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs far larger than the heap: a 1-million-line maps capture and a directory of thousands of
 * files, each run by the CLI in a child JVM limited to 64 MiB of heap. A capture is streamed
 * (entries are attributed as they are read, non-ELF regions beyond 10,000 only counted) and a
 * tree is checked file by file, so neither needs memory in proportion to its size.
 */
class BoundedResourcesTest {
    @TempDir
    Path tmp;

    private static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";

    /** Runs elfmap in a JVM with {@code -Xmx64m}; returns exit code, stdout lines counted, stderr. */
    private record Child(int exit, long outLines, long outBytes, String err) {
    }

    private Child run(String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", cp, "org.elfmap.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        long lines;
        try (var s = Files.lines(out, StandardCharsets.ISO_8859_1)) {
            lines = s.count();
        }
        return new Child(p.exitValue(), lines, Files.size(out), Files.readString(err));
    }

    @Test
    void aMillionLineCaptureIn64Megabytes() throws Exception {
        Path capture = tmp.resolve("huge.maps");
        try (BufferedWriter w = Files.newBufferedWriter(capture, StandardCharsets.US_ASCII)) {
            // a million anonymous pages (a JVM's heap mapped page by page would look like this),
            // then a real libc's first mapping
            long a = 0x10000000L;
            for (int i = 0; i < 1_000_000; i++) {
                w.write(Long.toHexString(a) + "-" + Long.toHexString(a + 0x1000) + (i % 2 == 0 ? " rw-p" : " r--p")
                        + " 00000000 00:00 0 \n");
                a += 0x2000;
            }
            w.write("7f0000000000-7f0000028000 r--p 00000000 08:01 1 " + LIBC + "\n");
        }
        Child table = run("explain", capture.toString());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.outLines()).as("a table of totals, not a million rows").isLessThan(100);
        Child json = run("explain", "--json", capture.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.outBytes()).as("JSON lists at most 10,000 anonymous regions").isLessThan(8L << 20);
    }

    @Test
    void thousandsOfFilesIn64Megabytes() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        byte[] lib = Files.readAllBytes(Path.of("src/test/resources/fixtures/arm64/arm64-4k.so"));
        for (int d = 0; d < 50; d++) {
            Path dir = Files.createDirectories(tree.resolve("d" + d));
            for (int f = 0; f < 100; f++) {
                if (f % 4 == 0) {
                    Files.write(dir.resolve("lib" + f + ".so"), lib);
                } else {
                    Files.writeString(dir.resolve("file" + f + ".txt"), "not ELF " + f);
                }
            }
            Files.createSymbolicLink(dir.resolve("loop"), tree);
        }
        Child c = run("check-pages", "--quiet", tree.toString());
        assertThat(c.exit()).as(c.err()).isEqualTo(1); // the 4 KiB libraries fail at 16 KiB
        assertThat(c.err()).isEmpty();
        String last = Files.readAllLines(tmp.resolve("out.txt")).stream().filter(l -> l.contains("checked"))
                .reduce((x, y) -> y).orElse("");
        assertThat(last).contains("1250 ELF files checked").contains("1250 fail");
        assertThat(new File(tree.toString()).list()).hasSize(50);
    }
}
