package org.elfmap.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-pages lists a tree in the byte order of its names, depth first, whatever order the file
 * system's {@code readdir} gives (tmpfs gives the newest first, ext4 its hash order): the same
 * report on every machine. The expected order is {@code LC_ALL=C ls}'s: 'B' (0x42) before '_'
 * (0x5f) before 'a' (0x61); a directory's files where its name falls.
 */
class TreeOrderTest {
    static final Path LIB = Path.of("src/test/resources/fixtures/arm64/arm64-16k.so");

    @TempDir
    Path tmp;

    @Test
    void aTreeIsListedInTheByteOrderOfItsNames() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        for (String name : List.of("b.so", "m/lib.so", "a.so", "_.so", "B.so", "z.so", "m/a.so")) {
            Files.createDirectories(tree.resolve(name).getParent());
            Files.copy(LIB, tree.resolve(name));
        }
        CliRun run = CliRun.of("check-pages", "--json", tree.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> paths = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(run.out()).get("files")) {
            paths.add(tree.relativize(Path.of(f.get("path").asText())).toString());
        }
        assertThat(paths).containsExactly("B.so", "_.so", "a.so", "b.so", "m/a.so", "m/lib.so", "z.so");
    }
}
