package org.elfmap.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.elfmap.BadInputException;
import org.elfmap.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree's files are checked on the pool, ahead of the walk, and reported in walk order: what a
 * plain loop would report, whichever check finishes first.
 */
class TreeChecksTest {
    @TempDir
    Path tmp;

    /** Checks that take random times, some telling several things, some nothing, among unreadable directories. */
    @Test
    void whatEachFileGaveIsHandedOverInWalkOrder() {
        List<String> told = new ArrayList<>();
        TreeChecks ahead = new TreeChecks((file, sink, notChecked) -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
            int n = Integer.parseInt(file.getFileName().toString());
            for (int k = 0; k < n % 3; k++) {
                notChecked.accept(new BadInputException(file.toString(), "part " + k));
            }
        }, v -> told.add("verdict"), e -> told.add(e.getMessage()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i % 37 == 0) {
                ahead.unreadable(new BadInputException("dir" + i, "cannot read the directory"));
                expected.add("dir" + i + ": cannot read the directory");
            }
            ahead.file(Path.of(Integer.toString(i)));
            for (int k = 0; k < i % 3; k++) {
                expected.add(i + ": part " + k);
            }
        }
        ahead.drain();
        assertThat(told).containsExactlyElementsOf(expected);
    }

    /** A check that throws: what came before it is handed over first, then its exception, as in a plain loop. */
    @Test
    void aFailingCheckFailsInItsTurn() {
        List<String> told = new ArrayList<>();
        TreeChecks ahead = new TreeChecks((file, sink, notChecked) -> {
            if (file.toString().equals("7")) {
                throw new IllegalStateException("check of 7 failed");
            }
            notChecked.accept(new BadInputException(file.toString(), "seen"));
        }, v -> told.add("verdict"), e -> told.add(e.getMessage()));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                ahead.file(Path.of(Integer.toString(i)));
            }
            ahead.drain();
        }).isInstanceOf(IllegalStateException.class).hasMessage("check of 7 failed");
        // what was in flight behind it is dropped: a drain after the failure (the walk's own
        // cleanup) reports nothing the plain loop would not have
        ahead.drain();
        assertThat(told).containsExactly("0: seen", "1: seen", "2: seen", "3: seen", "4: seen", "5: seen", "6: seen");
    }

    /**
     * A file shorter than its size says (a sysfs file claims 4096 bytes and holds 2): one line
     * saying so, exit 2, and the rest of the tree is still checked, before and after it.
     */
    @Test
    void aFileShorterThanItsSizeIsOneLineAndTheWalkGoesOn() throws Exception {
        Path shortFile = Path.of("/sys/kernel/mm/transparent_hugepage/use_zero_page");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(shortFile) && Files.size(shortFile) > 4
                && Files.readAllBytes(shortFile).length < 4, "no sysfs file shorter than its size here");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.copy(TreeOrderTest.LIB, tree.resolve("a.so"));
        Files.createSymbolicLink(tree.resolve("b"), shortFile);
        for (int i = 10; i < 60; i++) {
            Files.copy(TreeOrderTest.LIB, tree.resolve("c" + i + ".so"));
        }
        CliRun run = CliRun.of("check-pages", "--json", tree.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("elfmap: " + tree.resolve("b") + ": cannot read: file ended early");
        assertThat(new ObjectMapper().readTree(run.out()).get("files")).hasSize(51);
    }

    /** The whole command over a tree bigger than the window ahead: files in the byte order of their names. */
    @Test
    void aLargeTreeIsReportedInItsOrder() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        List<String> expected = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            for (int f = 0; f < 60; f++) {
                String name = "d" + d + "/lib" + (char) ('a' + f / 26) + (char) ('a' + f % 26) + ".so";
                Files.createDirectories(tree.resolve(name).getParent());
                Files.copy(TreeOrderTest.LIB, tree.resolve(name));
                Files.writeString(tree.resolve(name + ".txt"), "not ELF, skipped");
                expected.add(name);
            }
        }
        CliRun run = CliRun.of("check-pages", "--json", tree.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> paths = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("files")) {
            paths.add(tree.relativize(Path.of(f.get("path").asText())).toString());
        }
        assertThat(paths).containsExactlyElementsOf(expected);
    }
}
