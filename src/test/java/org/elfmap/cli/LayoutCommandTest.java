package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elfmap layout} as users and scripts see it: the contract's JSON, the table, the errors. */
class LayoutCommandTest {
    static final String LIB = "src/test/resources/fixtures/bin/libbig2m-glibc.so";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonFollowsTheContract() throws Exception {
        CliRun run = CliRun.of("layout", "--json", LIB);
        assertThat(run.exit()).isZero();
        JsonNode arr = JSON.readTree(run.out());
        assertThat(arr.isArray()).isTrue();
        JsonNode l = arr.get(0);
        assertThat(l.get("file").asText()).isEqualTo(LIB);
        assertThat(l.get("loader").asText()).isEqualTo("glibc");
        assertThat(l.get("pageSize").asLong()).isEqualTo(4096);
        assertThat(l.get("elf").get("class").asInt()).isEqualTo(64);
        assertThat(l.get("elf").get("endian").asText()).isEqualTo("little");
        assertThat(l.get("elf").get("machine").asText()).isEqualTo("x86_64");
        assertThat(l.get("elf").get("type").asText()).isEqualTo("DYN");
        JsonNode seg = l.get("segments").get(0);
        assertThat(seg.get("type").asText()).isEqualTo("LOAD");
        assertThat(seg.get("align").asText()).isEqualTo("0x200000");
        assertThat(seg.get("flags").asText()).isEqualTo("r-x");
        long sum = 0;
        for (JsonNode m : l.get("mappings")) {
            assertThat(m.get("start").asText()).matches("0x[0-9a-f]+");
            assertThat(m.get("kind").asText()).isIn("text", "rodata", "relro", "data", "bss", "gap", "zeroed-tail");
            assertThat(m.get("backing").asText()).isIn("file", "anon", "guard");
            long len = Long.decode(m.get("end").asText()) - Long.decode(m.get("start").asText());
            assertThat(m.get("pages").asLong()).isEqualTo(len / 4096);
            if (m.get("backing").asText().equals("file")) {
                assertThat(m.get("fileOffset").asText()).startsWith("0x");
            }
            sum += len;
        }
        assertThat(l.get("vszBytes").asLong()).isEqualTo(sum);
        assertThat(l.get("gapBytes").asLong()).isEqualTo(0x3ff000 - 0x1000); // the ---p hole
    }

    @Test
    void everyLoaderAtSixteenKilobytePages() throws Exception {
        CliRun run = CliRun.of("layout", "--json", "--loader", "all", "--page-size", "16k", LIB);
        assertThat(run.exit()).isZero();
        JsonNode arr = JSON.readTree(run.out());
        assertThat(arr).hasSize(org.elfmap.loader.Loaders.ALL.size()); // FreeBSD rtld at 7, 10 and 15
        for (JsonNode l : arr) {
            assertThat(l.get("pageSize").asLong()).isEqualTo(16384);
        }
    }

    @Test
    void tableShowsKindsTotalsAndArithmetic() {
        CliRun run = CliRun.of("layout", "--loader", "musl", LIB);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("loader musl").contains(" gap ").contains("VSZ")
                .contains("vend0 = rd(0x0)");
    }

    @Test
    void badFilesGiveOneLineEachAndTheRestIsStillShown(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        Path empty = Files.createFile(tmp.resolve("empty"));
        CliRun run = CliRun.of("layout", text.toString(), tmp.resolve("missing").toString(), empty.toString(),
                tmp.toString(), LIB);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(4).allMatch(l -> l.startsWith("elfmap: "))
                .noneMatch(l -> l.contains("Exception"));
        assertThat(run.err()).contains("not an ELF file").contains("no such file").contains("empty file")
                .contains("is a directory");
        assertThat(run.out()).contains("libbig2m-glibc.so");
    }

    @Test
    void unknownLoaderAndPageSizeAreUsageErrors() {
        CliRun a = CliRun.of("layout", "--loader", "solaris", LIB);
        assertThat(a.exit()).isEqualTo(2);
        assertThat(a.err()).contains("unknown loader 'solaris'");
        CliRun b = CliRun.of("layout", "--page-size", "3k", LIB);
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.err()).contains("not a power of two");
    }
}
