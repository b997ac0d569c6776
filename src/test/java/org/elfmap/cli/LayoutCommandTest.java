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

    /**
     * The gap arithmetic prints what it computes, and the gap total does not contradict it.
     * fixtures/bin/holes (fixtures/src/holes.c) has a data PT_LOAD that starts inside a page and a
     * hole after it. For every pair of neighbouring PT_LOADs as {@code readelf -lW} lists them,
     * {@code ru()} rounds the in-page offset plus memsz ({@code ru(0xdf8 + 0x278)}, not the sum
     * alone under a header that says memsz). The holes the kernel leaves unmapped are read from
     * /proc/PID/maps of the running program: the total says "gaps 0 B mapped" and that many pages
     * of holes, and JSON's holeBytes is their size.
     */
    @Test
    void gapArithmeticShowsTheInPageOffsetAndHolesAreSaidUnmapped() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.elfmap.testkit.Readelf.installed(), "readelf not installed");
        Path holes = org.elfmap.testkit.FixtureProcess.BIN.resolve("holes").toAbsolutePath();
        java.util.List<long[]> loads = new java.util.ArrayList<>();
        for (String l : org.elfmap.testkit.Tools.lines(20, "readelf", "-lW", holes.toString())) {
            String[] f = l.trim().split("\\s+");
            if (f.length > 5 && f[0].equals("LOAD")) {
                loads.add(new long[] {Long.decode(f[2]), Long.decode(f[5])}); // vaddr, memsz
            }
        }
        assertThat(loads).hasSizeGreaterThan(2);
        CliRun text = CliRun.of("layout", "--page-size", "4096", holes.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        boolean sawInPage = false;
        for (int i = 0; i + 1 < loads.size(); i++) {
            long vaddr = loads.get(i)[0];
            long memsz = loads.get(i)[1];
            long inPage = vaddr & 0xfff;
            sawInPage |= inPage != 0;
            String rounded = inPage == 0 ? String.format("0x%x", memsz) : String.format("0x%x + 0x%x", inPage, memsz);
            long vend = ((vaddr + memsz) + 0xfff) & ~0xfffL; // ru(vaddr + memsz): glibc's allocend (docs/loaders.md)
            assertThat(text.out()).contains(String.format("vend%d = rd(0x%x) + ru(%s) = 0x%x;", i, vaddr, rounded, vend));
        }
        assertThat(sawInPage).as("a PT_LOAD starting inside a page: %s", loads).isTrue();

        long holePages;
        try (org.elfmap.testkit.FixtureProcess p = org.elfmap.testkit.FixtureProcess.of("holes")) {
            long end = -1;
            long holeBytes = 0;
            for (String l : Files.readAllLines(Path.of("/proc", Integer.toString(p.pid()), "maps"))) {
                String[] f = l.split("\\s+", 6);
                if (f.length == 6 && f[5].equals(holes.toRealPath().toString())) {
                    String[] r = f[0].split("-");
                    long start = Long.parseUnsignedLong(r[0], 16);
                    holeBytes += end >= 0 && start > end ? start - end : 0;
                    end = Long.parseUnsignedLong(r[1], 16);
                }
            }
            holePages = holeBytes / 4096;
        }
        assertThat(holePages).isPositive();
        assertThat(text.out()).contains("gaps 0 B mapped (0 pages); " + holePages
                + " pages of holes between segments left unmapped");
        CliRun json = CliRun.of("layout", "--json", "--page-size", "4096", holes.toString());
        JsonNode l = new ObjectMapper().readTree(json.out());
        JsonNode layout = l.isArray() ? l.get(0) : l;
        assertThat(layout.findValue("holeBytes").asLong()).isEqualTo(holePages * 4096);
        assertThat(layout.findValue("gapBytes").asLong()).isZero();
    }
}
