package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain and compare of a capture taken at another page size: read at it unless --page-size says otherwise. */
class ExplainPageSizeTest {
    // an arm64 process under a 64 KiB kernel (files not on this machine: classified by shape)
    private static final String ARM64_64K = """
            aaaab2a40000-aaaab2a50000 r-xp 00000000 fd:00 1185                       /opt/arm64/bin/sleep
            aaaab2a50000-aaaab2a60000 r--p 00000000 fd:00 1185                       /opt/arm64/bin/sleep
            aaaab2a60000-aaaab2a70000 rw-p 00010000 fd:00 1185                       /opt/arm64/bin/sleep
            aaaad0b10000-aaaad0b40000 rw-p 00000000 00:00 0                          [heap]
            ffff8a5d0000-ffff8a7b0000 r-xp 00000000 fd:00 3413                       /opt/arm64/lib/libc.so.6
            ffff8a7b0000-ffff8a7c0000 r--p 001d0000 fd:00 3413                       /opt/arm64/lib/libc.so.6
            ffff8a7c0000-ffff8a7d0000 rw-p 001e0000 fd:00 3413                       /opt/arm64/lib/libc.so.6
            ffff8a7e0000-ffff8a810000 r-xp 00000000 fd:00 3400                       /opt/arm64/lib/ld-linux-aarch64.so.1
            ffff8a810000-ffff8a820000 r--p 00000000 00:00 0                          [vvar]
            ffff8a820000-ffff8a830000 r-xp 00000000 00:00 0                          [vdso]
            ffffd2ae0000-ffffd2b10000 rw-p 00000000 00:00 0                          [stack]
            """;

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void aCaptureOf64KiBPagesIsReadAt64KiBAndSaysSo(@TempDir Path tmp) throws Exception {
        Path capture = Files.writeString(tmp.resolve("arm64.maps"), ARM64_64K);
        JsonNode doc = json(CliRun.of("explain", "--json", capture.toString()));
        assertThat(doc.path("pageSize").asLong()).isEqualTo(65536);
        assertThat(doc.toString()).contains("page size 64k read from the capture");
        assertThat(CliRun.of("explain", capture.toString()).out()).contains("page size 64k read from the capture");
    }

    @Test
    void pageSizeGivenWins(@TempDir Path tmp) throws Exception {
        Path capture = Files.writeString(tmp.resolve("arm64.maps"), ARM64_64K);
        JsonNode doc = json(CliRun.of("explain", "--json", "--page-size", "4k", capture.toString()));
        assertThat(doc.path("pageSize").asLong()).isEqualTo(4096);
        assertThat(doc.toString()).doesNotContain("read from the capture");
    }

    @Test
    void thisMachinesCaptureNeedsNoWord(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("self.maps");
        Files.write(capture, Files.readAllBytes(Path.of("/proc/self/maps")));
        CliRun run = CliRun.of("explain", "--json", capture.toString());
        assertThat(run.out()).doesNotContain("read from the capture");
    }

    @Test
    void compareReadsEachCaptureAtItsPageSize(@TempDir Path tmp) throws Exception {
        Path capture = Files.writeString(tmp.resolve("arm64.maps"), ARM64_64K);
        CliRun run = CliRun.of("compare", "--json", capture.toString(), capture.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"deltaBytes\"");
    }
}
