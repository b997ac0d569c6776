package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.loader.Loaders;
import org.elfmap.output.Words;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Kind;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prediction;
import org.elfmap.space.Region;
import org.elfmap.space.RegionNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} of the Android maps that bionic's developers quoted in AOSP commit messages
 * ({@code src/test/resources/fixtures/bionic/maps/}): every entry attributed to its library with
 * the right kind, whether the library's pages are its file's, padding the kernel lists apart, or
 * anonymous memory the 16 KiB app-compat mode read the file into. The libraries are the
 * fixtures of {@code fixtures/bionic/} placed under a root at the captures' paths.
 */
class BionicExplainTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/bionic");

    static AddressImage explain(String capture, Optional<Path> root, String loader) {
        ExplainOptions o = ExplainOptions.defaults().withRoot(root).withLoader(Optional.of(Loaders.named(loader)));
        return Explainer.explain(new Source.Capture(DIR.resolve("maps").resolve(capture)), o);
    }

    static Path root(Path tmp, String fixture, String at) throws IOException {
        Path target = tmp.resolve(at.substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(DIR.resolve(fixture), target);
        return tmp;
    }

    static ObjectImage only(AddressImage image) {
        assertThat(image.objects()).hasSize(1);
        return image.objects().get(0);
    }

    static List<String> kinds(ObjectImage o) {
        return o.regions().stream().map(r -> String.format("%x %s %s", r.length(), r.perms(), r.kind())).toList();
    }

    @Test
    void compatLoadedIsTheLibraryEvenWithoutItsFile() {
        // Setup16KiBAppCompat names the whole reservation "PATH (compat loaded)": the two
        // anonymous entries are the library at PATH, read-execute (text, rodata and RELRO after
        // phdr_table_protect_gnu_relro_16kib_compat) and read-write (data and bss)
        ObjectImage lib = only(explain("compat-loaded.maps", Optional.empty(), "bionic"));
        assertThat(lib.path()).isEqualTo("/system/lib64/elf_max_page_size_4kib.so");
        assertThat(kinds(lib)).containsExactly("4000 r-xp text", "4000 rw-p data");
        assertThat(lib.regions().get(0).note()).contains(
                new RegionNote.CompatLoaded("/system/lib64/elf_max_page_size_4kib.so (compat loaded)"));
        assertThat(Words.regionWithCost(lib.regions().get(0), PageSize.P16K))
                .contains("read into anonymous memory by the 16 KiB app-compat mode");
        assertThat(lib.prediction().orElseThrow().reason()).containsInstanceOf(
                Prediction.Unavailable.FileUnusable.class);
    }

    /** A compat-loaded name with a NUL byte names no file, and says so (it was called not absolute). */
    @Test
    void aCompatLoadedNameWithANulByteIsNoFile(@TempDir Path tmp) throws IOException {
        Path capture = tmp.resolve("nul.maps");
        Files.write(capture, ("71d6b91ec000-71d6b91f0000 r-xp 00000000 00:00 0    [anon:/system/lib64/x\0y.so"
                + " (compat loaded)]\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ObjectImage lib = only(Explainer.explain(new Source.Capture(capture),
                ExplainOptions.defaults().withLoader(Optional.of(Loaders.named("bionic")))));
        assertThat(lib.prediction().orElseThrow().reason()).hasValueSatisfying(r -> assertThat(r)
                .isInstanceOfSatisfying(Prediction.Unavailable.FileUnusable.class,
                        f -> assertThat(f.problem()).isEqualTo(Prediction.FileProblem.NUL_IN_PATH)));
    }

    @Test
    void compatLoadedWithItsFileIsCutIntoSegmentsAndChecked(@TempDir Path tmp) throws IOException {
        // lib4k.so in the sample's place: the compat layout (BionicModelTest.Compat) relative to
        // the first entry, the reservation's start: 0x1000 of shift, then rodata, text and RELRO
        // at 4 KiB granularity, all r-x; data rw-; the slack of the extra 16 KiB page
        Path root = root(tmp, "lib4k.so", "/system/lib64/elf_max_page_size_4kib.so");
        ObjectImage lib = only(explain("compat-loaded.maps", Optional.of(root), "bionic"));
        assertThat(kinds(lib)).containsExactly("1000 r-xp gap", "1000 r-xp rodata", "1000 r-xp text",
                "1000 r-xp relro", "1000 rw-p data", "3000 rw-p gap");
        assertThat(lib.regions().get(2).segment()).isEqualTo(OptionalInt.of(2));
        assertThat(lib.prediction().orElseThrow().status()).isEqualTo(Prediction.Status.MATCH);
    }

    @Test
    void paddingListedApartIsItsSegments(@TempDir Path tmp) throws IOException {
        // 5134762ef's "After": each ---p [page size compat] entry is the padding of the segment
        // below it (the Android kernel's get_pad_vma lists it apart); the model at Android 15
        // with page-size migration predicts the whole library
        Path root = root(tmp, "libbase.so", "/system/lib64/libbase.so");
        ObjectImage lib = only(explain("libbase-page-size-compat.maps", Optional.of(root), "bionic@15"));
        assertThat(kinds(lib)).containsExactly("11000 r--p rodata", "3000 ---p gap", "22000 r-xp text",
                "2000 ---p gap", "1000 r--p relro", "3000 ---p gap", "1000 rw-p data");
        assertThat(lib.regions().stream().map(Region::note).flatMap(Optional::stream)
                .filter(n -> n instanceof RegionNote.PaddingListedApart).toList()).containsExactly(
                new RegionNote.PaddingListedApart(OptionalInt.of(0)), new RegionNote.PaddingListedApart(OptionalInt.of(1)),
                new RegionNote.PaddingListedApart(OptionalInt.of(2)));
        assertThat(lib.prediction().orElseThrow().status()).isEqualTo(Prediction.Status.MATCH);
    }

    @Test
    void paddingInItsSegmentsEntryIsToo(@TempDir Path tmp) throws IOException {
        // 5134762ef's "Before": the segments' own entries run over the padding (file pages, the
        // segment's protection): the part past the segment is its padding, not text or rodata
        Path root = root(tmp, "libbase.so", "/system/lib64/libbase.so");
        ObjectImage lib = only(explain("libbase-padded.maps", Optional.of(root), "bionic@15"));
        assertThat(kinds(lib)).containsExactly("11000 r--p rodata", "3000 r--p gap", "22000 r-xp text",
                "2000 r-xp gap", "1000 r--p relro", "3000 r--p gap", "1000 rw-p data");
        assertThat(lib.regions().get(1).note()).contains(new RegionNote.Padding(0));
    }

    @Test
    void withoutTheFilesTheShapeSaysAsMuch() {
        // no file at the captures' paths: the linker's PROT_NONE gaps and the padding listed apart
        // are the library's gaps between its entries, the r-- entry before the data (across a
        // gap) its RELRO, the anonymous rw- after the data its bss
        assertThat(kinds(only(explain("libbase-page-size-compat.maps", Optional.empty(), "bionic")))).containsExactly(
                "11000 r--p rodata", "3000 ---p gap", "22000 r-xp text", "2000 ---p gap", "1000 r--p relro",
                "3000 ---p gap", "1000 rw-p data");
        ObjectImage libc = only(explain("bootstrap-libc-gaps.maps", Optional.empty(), "bionic@14"));
        assertThat(libc.regions().stream().map(Region::kind).toList()).containsExactly(Kind.RODATA, Kind.GAP,
                Kind.TEXT, Kind.GAP, Kind.RELRO, Kind.GAP, Kind.DATA, Kind.BSS);
        assertThat(only(explain("libbase-page-size-compat.maps", Optional.empty(), "bionic")).regions().get(1).note())
                .contains(new RegionNote.PaddingListedApart(OptionalInt.empty()));
    }

    @Test
    void androidFourteenGapsAndBss(@TempDir Path tmp) throws IOException {
        // 944164c5e's "Before": the reservation's PROT_NONE anonymous gaps, [anon:.bss]
        Path root = root(tmp, "bootstrap-libc.so", "/system/lib64/bootstrap/libc.so");
        ObjectImage lib = only(explain("bootstrap-libc-gaps.maps", Optional.of(root), "bionic@14"));
        assertThat(lib.regions().stream().map(Region::kind).toList()).containsExactly(Kind.RODATA, Kind.GAP,
                Kind.TEXT, Kind.GAP, Kind.RELRO, Kind.GAP, Kind.DATA, Kind.BSS);
        assertThat(lib.regions().get(1).note()).contains(new RegionNote.Gap(RegionNote.Holder.ANON_PROT_NONE,
                Optional.of(Kind.RODATA), Optional.of(Kind.TEXT), Optional.empty()));
    }
}
