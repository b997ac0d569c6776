package org.elfmap.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same program under FreeBSD 10 and 14: {@code libgap.so.1}'s 512-page gap is an anonymous
 * {@code PROT_NONE} reservation under 10 ({@code map_object.c}: {@code MAP_ANON | MAP_PRIVATE |
 * MAP_NOCORE}), counted in VSZ, and a {@code MAP_GUARD} entry under 14 ({@code P_OSREL_MAP_GUARD}),
 * which {@code vm_map_insert} leaves out of {@code map->size}. So A is 2 MiB (0x200000) larger,
 * all of it gap, and compare says why in words. Predicted from {@code fixtures/freebsd/prog} and
 * read from the captures of it ({@code fixtures/maps/README.md}).
 */
class FreeBsdReleasesCompareTest {
    private static final Path MAPS = Path.of("src/test/resources/fixtures/maps");
    private static final String WHY = "why the gaps differ: A's 2048 KiB of gaps are held by mappings that count in VSZ";

    /**
     * In a root holding the program and its library but no FreeBSD rtld (this machine may or may
     * not have a {@code /libexec/ld-elf.so.1}; the root has none on any).
     */
    @Test
    void predictionsOfOneProgramUnderTwoReleases(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("lib"));
        Files.copy(Path.of("fixtures/freebsd/prog"), root.resolve("prog"));
        Files.copy(Path.of("fixtures/freebsd/lib/libgap.so.1"), root.resolve("lib/libgap.so.1"));
        String prog = "/prog";
        CliRun t = CliRun.of("compare", "--root", root.toString(), "--loader-a", "freebsd@10", "--loader-b",
                "freebsd@14", prog, prog);
        // exit 1: the root has no /libexec/ld-elf.so.1, and that is said
        assertThat(t.exit()).as(t.err()).isEqualTo(1);
        assertThat(t.out()).contains("A: predicted " + prog + " under freebsd@10")
                .contains("B: predicted " + prog + " under freebsd@14")
                .contains("A is 2.0 MiB larger than B").contains("gap -2.0 MiB (100% of the difference), all in libgap.so.1")
                .contains(WHY).contains("MAP_GUARD");
    }

    /** A release named for the libraries names the kernel too: FreeBSD 10's exec maps the program. */
    @Test
    void aPredictionUnderAReleaseExecsTheProgramWithThatReleasesKernel() {
        CliRun t = CliRun.of("predict", "--loader", "freebsd@10", Path.of("fixtures/freebsd/prog").toString());
        assertThat(t.out()).containsPattern("fixtures/freebsd/prog +freebsd-kernel@10 ")
                .containsPattern("libgap.so.1 +freebsd@10 ");
    }

    @Test
    void oneProcfsCaptureReadAsTenAndAsFourteen() {
        // /proc/PID/map prints the gap as "0 --- ... none" on both: only the release tells them apart
        String map = MAPS.resolve("freebsd-prog.map").toString();
        CliRun t = CliRun.of("compare", "--loader-a", "freebsd@10", "--loader-b", "freebsd@14", map, map);
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("A is 2.0 MiB larger than B").contains(WHY);
    }

    @Test
    void procstatCapturesOfTenAndFourteen() {
        // 14's procstat says gd itself; 10's "--" needs the release to be read as a counted reservation
        CliRun t = CliRun.of("compare", "--loader-a", "freebsd@10", MAPS.resolve("freebsd10-prog.procstat").toString(),
                MAPS.resolve("freebsd14-prog.procstat").toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("A is 2.0 MiB larger than B").contains("gap -2.0 MiB").contains(WHY);
    }

    @Test
    void withoutLoaderOptionsCompareIsAsBefore() {
        CliRun t = CliRun.of("compare", MAPS.resolve("freebsd-i386-seed.map").toString(),
                MAPS.resolve("freebsd-amd64-seed.map").toString());
        assertThat(t.out()).startsWith("A: " + MAPS.resolve("freebsd-i386-seed.map")).doesNotContain(" under ")
                .doesNotContain("why the gaps differ");
    }
}
