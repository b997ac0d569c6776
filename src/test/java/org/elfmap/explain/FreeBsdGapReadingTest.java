package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.loader.Loaders;
import org.elfmap.loader.FreeBsdRelease;
import org.elfmap.output.Words;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.space.Region;
import org.elfmap.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FreeBSD capture's object-less {@code PROT_NONE} entry between a library's text and data: in
 * {@code /proc/PID/map} it prints as {@code 0 --- ... none} whether FreeBSD 12+ rtld reserved it
 * with {@code MAP_GUARD} (not in VSZ: {@code vm_map_insert} adds to {@code map->size} only without
 * {@code MAP_CREATE_GUARD}, and {@code ki_size} is {@code vm_map.size}) or 8–11 rtld with
 * {@code MAP_ANON | PROT_NONE} (in VSZ). The release decides; explain says which it assumed.
 * Captures: {@code fixtures/maps/freebsd-prog.map} and {@code freebsd{10,14}-prog.procstat}, of
 * {@code fixtures/freebsd/prog} with {@code libgap.so.1} (512-page gap).
 */
class FreeBsdGapReadingTest {
    private static final Path MAPS = Path.of("src/test/resources/fixtures/maps");
    private static final long GAP = 0x200000;

    static AddressImage explain(String capture, Optional<String> loader, Optional<Path> root) {
        ExplainOptions o = ExplainOptions.defaults().withLoader(loader.map(Loaders::named)).withRoot(root);
        return Explainer.explain(new Source.Capture(MAPS.resolve(capture)), o);
    }

    static ObjectImage lib(AddressImage image) {
        return image.objects().stream().filter(o -> o.path().endsWith("libgap.so.1")).findFirst().orElseThrow();
    }

    static Region gap(ObjectImage lib) {
        return lib.regions().stream().filter(r -> r.kind() == Kind.GAP).findFirst().orElseThrow();
    }

    static String notes(AddressImage image) {
        return String.join("\n", image.notes().stream().map(Words::imageNote).toList());
    }

    @Test
    void aProcfsNoneGapIsAGuardUnlessTheReleaseSaysEightToEleven() {
        // no release named: the current one (12+ reserves with MAP_GUARD): the gap takes no VSZ
        AddressImage current = explain("freebsd-prog.map", Optional.empty(), Optional.empty());
        assertThat(gap(lib(current)).backing()).isEqualTo(Backing.GUARD);
        assertThat(lib(current).byKind().get(Kind.GAP).vszBytes()).isZero();
        assertThat(notes(current)).contains("read as FreeBSD " + FreeBsdRelease.CURRENT.major()
                        + " rtld's MAP_GUARD reservations, not counted in VSZ")
                .contains("the current one is assumed");
        // --loader freebsd@10: rtld reserved with MAP_ANON | MAP_PRIVATE | MAP_NOCORE, PROT_NONE: counted
        AddressImage ten = explain("freebsd-prog.map", Optional.of("freebsd@10"), Optional.empty());
        assertThat(gap(lib(ten)).backing()).isEqualTo(Backing.ANON);
        assertThat(lib(ten).byKind().get(Kind.GAP).vszBytes()).isEqualTo(GAP);
        assertThat(ten.vszBytes() - current.vszBytes()).isEqualTo(GAP);
        assertThat(notes(ten)).contains("anonymous PROT_NONE reservations, counted in VSZ").contains("--loader freebsd@10");
    }

    @Test
    void procstatSaysGdItselfOnFourteenAndDashDashOnTen() {
        // 14 prints the guard as type gd (KVME_TYPE_GUARD): a guard whatever --loader says, no reading needed
        AddressImage fourteen = explain("freebsd14-prog.procstat", Optional.empty(), Optional.empty());
        assertThat(gap(lib(fourteen)).backing()).isEqualTo(Backing.GUARD);
        assertThat(notes(fourteen)).doesNotContain("could be MAP_GUARD");
        // 10 prints the untouched reservation as type -- (KVME_TYPE_NONE)
        AddressImage ten = explain("freebsd10-prog.procstat", Optional.of("freebsd@10"), Optional.empty());
        assertThat(lib(ten).byKind().get(Kind.GAP).vszBytes()).isEqualTo(GAP);
        assertThat(ten.vszBytes() - fourteen.vszBytes()).isEqualTo(GAP);
    }

    @Test
    void withTheFilesAtHandTheGapIsCutBySegmentsAndCheckedAgainstTheReleasesRtld(@TempDir Path root)
            throws IOException {
        Path lib = Files.createDirectories(root.resolve("usr/local/lib"));
        Path bin = Files.createDirectories(root.resolve("usr/local/bin"));
        Files.copy(Fixtures.dir("freebsd").resolve("lib/libgap.so.1"), lib.resolve("libgap.so.1"));
        Files.copy(Fixtures.dir("freebsd").resolve("prog"), bin.resolve("prog"));
        AddressImage ten = explain("freebsd-prog.map", Optional.of("freebsd@10"), Optional.of(root));
        ObjectImage l = lib(ten);
        assertThat(gap(l).backing()).isEqualTo(Backing.ANON);
        assertThat(gap(l).length()).isEqualTo(GAP);
        // freebsd@10's layout of libgap.so.1: text, anonymous gap, relro, data, bss: what the capture shows
        assertThat(l.prediction().orElseThrow().status()).isEqualTo(Prediction.Status.MATCH);
        AddressImage current = explain("freebsd-prog.map", Optional.empty(), Optional.of(root));
        assertThat(gap(lib(current)).backing()).isEqualTo(Backing.GUARD);
        assertThat(lib(current).prediction().orElseThrow().status()).isEqualTo(Prediction.Status.MATCH);
    }

    @Test
    void theSeedCaptureKeepsItsFileBackedGap() {
        // FreeBSD 6/7: the gap is the first mapping's file pages, r-x, same VM object as text; nothing to re-read
        AddressImage seed = explain("freebsd-amd64-seed.map", Optional.empty(), Optional.empty());
        Region gap = gap(seed.objects().get(0));
        assertThat(gap.backing()).isEqualTo(Backing.FILE);
        assertThat(gap.length()).isEqualTo(256 * 4096L);
        assertThat(notes(seed)).doesNotContain("could be MAP_GUARD");
    }
}
