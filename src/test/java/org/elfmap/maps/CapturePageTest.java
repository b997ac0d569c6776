package org.elfmap.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.space.PageSize;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Test;

/**
 * A capture's page size from its entries. The rule (every VMA boundary is a multiple of the page
 * size, mm/mmap.c PAGE_ALIGN) is checked against this machine's own maps and smaps at the page
 * size getconf reports; 16 and 64 KiB captures, which this machine cannot make, are written out.
 */
class CapturePageTest {
    private static Optional<PageSize> of(String capture) {
        return CapturePage.of(new LineReader(new ByteArrayInputStream(capture.getBytes(StandardCharsets.ISO_8859_1)), "t"));
    }

    private static long hostPage() {
        String out = Tools.output("getconf", "PAGESIZE").orElse("");
        assumeTrue(!out.isBlank(), "getconf PAGESIZE says this machine's page size");
        return Long.parseLong(out.strip());
    }

    @Test
    void thisMachinesOwnMapsAndSmapsAreReadAtItsPageSize() throws Exception {
        long page = hostPage();
        for (String file : new String[] {"/proc/self/maps", "/proc/self/smaps"}) {
            Optional<PageSize> seen = of(new String(Files.readAllBytes(Path.of(file)), StandardCharsets.ISO_8859_1));
            assertThat(seen).as(file).contains(new PageSize(page));
        }
    }

    // An arm64 process under a 64 KiB kernel: every entry starts and ends on 64 KiB
    private static final String ARM64_64K = """
            aaaab2a40000-aaaab2a50000 r-xp 00000000 fd:00 1185                       /usr/bin/sleep
            aaaab2a50000-aaaab2a60000 r--p 00000000 fd:00 1185                       /usr/bin/sleep
            aaaab2a60000-aaaab2a70000 rw-p 00010000 fd:00 1185                       /usr/bin/sleep
            aaaad0b10000-aaaad0b40000 rw-p 00000000 00:00 0                          [heap]
            ffff8a5d0000-ffff8a7b0000 r-xp 00000000 fd:00 3413                       /usr/lib/aarch64-linux-gnu/libc.so.6
            ffff8a7b0000-ffff8a7c0000 r--p 001d0000 fd:00 3413                       /usr/lib/aarch64-linux-gnu/libc.so.6
            ffff8a7c0000-ffff8a7d0000 rw-p 001e0000 fd:00 3413                       /usr/lib/aarch64-linux-gnu/libc.so.6
            ffff8a7e0000-ffff8a810000 r-xp 00000000 fd:00 3400                       /usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1
            ffff8a810000-ffff8a820000 r--p 00000000 00:00 0                          [vvar]
            ffff8a820000-ffff8a830000 r-xp 00000000 00:00 0                          [vdso]
            ffffd2ae0000-ffffd2b10000 rw-p 00000000 00:00 0                          [stack]
            """;

    @Test
    void entriesAllOn64KiBAreA64KiBCapture() {
        assertThat(of(ARM64_64K)).contains(PageSize.P64K);
    }

    @Test
    void entriesAllOn16KiBAreA16KiBCapture() {
        String k16 = ARM64_64K.replace("ffff8a810000-ffff8a820000", "ffff8a810000-ffff8a814000")
                .replace("ffff8a820000-ffff8a830000", "ffff8a814000-ffff8a818000");
        assertThat(of(k16)).contains(PageSize.P16K);
    }

    @Test
    void oneEntryOffSixteenKiBMakesItFourKiB() {
        String k4 = ARM64_64K.replace("ffff8a820000-ffff8a830000", "ffff8a820000-ffff8a821000");
        assertThat(of(k4)).contains(PageSize.P4K);
    }

    @Test
    void aFewAlignedEntriesCannotSay() {
        String excerpt = ARM64_64K.lines().limit(3).reduce("", (a, b) -> a + b + "\n");
        assertThat(of(excerpt)).isEmpty();
        assertThat(CapturePage.of(~0L << 16, CapturePage.ENTRIES_FOR_LARGER - 1)).isEmpty();
        assertThat(CapturePage.of(~0L << 16, CapturePage.ENTRIES_FOR_LARGER)).contains(PageSize.P64K);
    }

    @Test
    void boundariesOffEvenFourKiBSayNothing() {
        assertThat(of("00400000-00400800 r-xp 00000000 00:00 0 /x\n")).isEmpty();
        assertThat(of("garbage\n")).isEmpty();
        assertThat(of("")).isEmpty();
    }
}
