package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.elfmap.cli.CliRun;
import org.elfmap.output.Words;
import org.elfmap.testkit.DynamicElf;
import org.elfmap.testkit.RealLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files crafted to make {@code predict} search without end (issue 16 item 12): 2,000 DT_NEEDED
 * names with a 10,000-directory RUNPATH (was 40 s, 1.7 GB, 632 MB of output), and a musl path
 * file far larger than any real one (200 MB took minutes). The search is bounded
 * ({@link SearchBounds}) and says so.
 */
class AmplificationTest {

    @TempDir
    Path tmp;

    @Test
    void twoThousandNeededNamesAndATenThousandDirectoryRunpathAreSearchedWithinBounds() throws Exception {
        String glibcLd = RealLoader.require().toString();
        StringJoiner runpath = new StringJoiner(":");
        for (int i = 0; i < 10_000; i++) {
            runpath.add("/x" + Integer.toString(i, 36));
        }
        DynamicElf elf = DynamicElf.program(glibcLd).runpath(runpath.toString());
        for (int i = 0; i < 2_000; i++) {
            elf.needs("libnope" + i + ".so");
        }
        Path program = Files.write(tmp.resolve("amplifier"), elf.bytes());
        assertThat(Files.size(program)).isLessThan(200_000);
        long t0 = System.nanoTime();
        Closure c = new ClosureResolver(Sysroot.host(), LoaderEnvironment.EMPTY).resolve(program.toString());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(c.unresolved()).hasSize(2_000);
        assertThat(c.unresolved()).allSatisfy(u -> assertThat(u.searched()).hasSizeLessThanOrEqualTo(
                SearchBounds.MAX_SHOWN + 1));
        assertThat(c.unresolved().get(0).searched().get(SearchBounds.MAX_SHOWN)).startsWith("... and ");
        assertThat(c.notes()).contains(new SearchNote.SearchListCut(program.toString(), 1024, 8976));
        assertThat(c.notes()).map(Words::searchNote).anyMatch(n -> n.contains("more than 1024 distinct directories")
                && n.contains("8976 left out"));
        assertThat(millis).as("resolution time").isLessThan(20_000);
        CliRun run = CliRun.of("predict", program.toString());
        assertThat(run.out().length()).as("output of 2,000 missing names").isLessThan(8 << 20);
    }

    @Test
    void aMuslPathFileLargerThanTheBoundIsReadOnlyUpToIt() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(root.resolve("etc/ld-musl-x86_64.path")))) {
            for (int i = 0; i < 400_000; i++) {
                out.write(("/dir" + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        assertThat(Files.size(root.resolve("etc/ld-musl-x86_64.path"))).isGreaterThan(4L << 20);
        long t0 = System.nanoTime();
        MuslRules rules = new MuslRules(Sysroot.at(root), LoaderEnvironment.EMPTY, "/lib/ld-musl-x86_64.so.1");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(rules.notes()).map(Words::searchNote)
                .anyMatch(n -> n.contains("only the first 1024 directories are searched"));
        assertThat(millis).isLessThan(5_000);
    }

    /** A path file is read up to its first NUL, as musl's getdelim(..., 0, f) does. */
    @Test
    void aMuslPathFileEndsAtItsFirstNul() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.write(root.resolve("etc/ld-musl-x86_64.path"), "/a:/b\0/c\n".getBytes(StandardCharsets.US_ASCII));
        MuslRules rules = new MuslRules(Sysroot.at(root), LoaderEnvironment.EMPTY, "/lib/ld-musl-x86_64.so.1");
        Path p = Files.write(root.resolve("p"), DynamicElf.library("p").bytes());
        Node program = new Node(0, "/p", p, org.elfmap.elf.Elf.read(p), new Found("/p", Via.PROGRAM, ""),
                java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(rules.plan(program)).extracting(s -> ((SearchDir) s).dir()).containsExactly("/a", "/b");
    }
}
