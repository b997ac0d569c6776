package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.elf.Elf;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;
import org.junit.jupiter.api.Test;

/**
 * glibc's refusals change between releases; this machine runs 2.36 only, so the other branches are
 * checked on the same crafted files against glibc's source of each release ({@code elf/dl-load.c},
 * {@code elf/dl-map-segments.h} at the tags glibc-2.34, glibc-2.35, glibc-2.36), while
 * {@link CraftedLoaderTest} checks 2.36 against the real loader.
 */
class GlibcReleasesTest {
    private static final Path BIN = CraftedLoaderTest.COMMITTED.resolve("bin");

    private static Optional<Refusal> refusal(String file, String release) {
        return GlibcModel.of(LibcVersion.parse(release)).layout(Elf.read(BIN.resolve(file)), PageSize.P4K).refusal();
    }

    @Test
    void before235EveryPtLoadsAlignmentIsChecked() {
        // 2.34 _dl_map_object_from_fd: (p_align & (pagesize - 1)) != 0, then (p_vaddr - p_offset) & (p_align - 1)
        assertThat(refusal("align-16.so", "2.34")).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Refusal.Reason.ALIGN_NOT_PAGE_MULTIPLE);
            assertThat(r.loaderMessage()).contains("ELF load command alignment not page-aligned");
        });
        // p_align 0 passes the first test; p_vaddr - p_offset (0x1000) & (0 - 1) is not 0
        assertThat(refusal("align-0.so", "2.34")).hasValueSatisfying(r ->
                assertThat(r.loaderMessage()).contains("ELF load command address/offset not properly aligned"));
        // 2 MiB is page-aligned, but 0x1000 is not a multiple of it
        assertThat(refusal("align-2m.so", "2.34")).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(Refusal.Reason.ADDRESS_OFFSET_MISALIGNED));
        assertThat(refusal("base.so", "2.34")).isEmpty();
    }

    @Test
    void from235OnlyCongruenceIsChecked() {
        for (String file : new String[] {"align-0.so", "align-16.so", "align-2m.so"}) {
            assertThat(refusal(file, "2.35")).as(file).isEmpty();
        }
        assertThat(refusal("incongruent.so", "2.35")).hasValueSatisfying(r ->
                assertThat(r.loaderMessage()).contains(GlibcRefusal.NOT_PAGE_ALIGNED));
    }

    @Test
    void theHoleCheckCameWith236() {
        // commit 2c0915cbf5 (BZ #28838) is in glibc-2.36, not in glibc-2.35
        assertThat(refusal("hole-overlap.so", "2.35")).isEmpty();
        assertThat(refusal("hole-overlap.so", "2.36")).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(Refusal.Reason.FIRST_SEGMENT_OVERRUNS));
        assertThat(new GlibcModel().version()).isEqualTo(GlibcModel.NEWEST);
    }
}
