package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elfmap.elf.ElfFile;
import org.elfmap.maps.MapsEntry;
import org.elfmap.space.PageSize;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maps that bionic's developers quoted in AOSP commit messages
 * ({@code src/test/resources/fixtures/bionic/maps/README.md}) against the model at the release
 * they show, with the program headers the same commits quote (or read back from the entries);
 * and the crafted fixtures against the script that writes them.
 */
class BionicCaptureTest {
    static final Path MAPS = BionicModelTest.DIR.resolve("maps");

    static List<String> against(String capture, String path, String loader, ElfFile elf) throws IOException {
        List<MapsEntry> maps = LiveLayoutTest.readMaps(MAPS.resolve(capture));
        return LiveLayoutTest.compare(maps, path, Loaders.named(loader).layout(elf, PageSize.P4K));
    }

    @Test
    void androidFourteenGapsAreTheLinkersReservation() throws IOException {
        // commit 944164c5e's "Before this patch": init's /system/lib64/bootstrap/libc.so on a 4 KiB
        // cuttlefish, 64 KiB-aligned LOADs as its readelf -Wl quotes them. ReserveAddressSpace's
        // PROT_NONE reservation shows between the segments as ---p anonymous; RELRO r-- from
        // page_start(0xf5a10) to page_end(0xf9750); bss [anon:.bss] from page_end(0x109d20).
        // The one difference: the bss end, 0x8000 beyond the capture's, because the quoted
        // p_memsz and the captured process come from two builds (README).
        assertThat(against("bootstrap-libc-gaps.maps", "/system/lib64/bootstrap/libc.so", "bionic@14",
                BionicModelTest.fx("bootstrap-libc.so"))).containsExactly(
                "expected 0x10a000-0x563000 rw- anonymous (bss), observed 0x10a000-0x55b000 rw- anonymous");
    }

    @Test
    void paddingListedApartAsPageSizeCompat() throws IOException {
        // commit 5134762ef's "After": libbase.so padded, the padding marked by DropPaddingPages'
        // MADV_DONTNEED and listed by the kernel as ---p [page size compat]; the model at Android 15
        // with pgsize_migration (the default at 4 KiB pages) predicts every entry.
        assertThat(against("libbase-page-size-compat.maps", "/system/lib64/libbase.so", "bionic@15",
                BionicModelTest.fx("libbase.so"))).isEmpty();
        // without page-size migration the same entries are the reservation's PROT_NONE gaps: the
        // same prot, anonymous: maps cannot tell them apart, only the name does
        assertThat(against("libbase-page-size-compat.maps", "/system/lib64/libbase.so",
                "bionic@15+no-pgsize-migration", BionicModelTest.fx("libbase.so"))).isEmpty();
    }

    @Test
    void relroExtendedOverThePadding() throws IOException {
        // commit 41b8863cd's "After": padding, RELRO protected up to the padded end in one r--
        // entry, on a kernel that kept the padding in the segment's entry (before pgsize_migration
        // listed it apart; a file whose name does not end in .so still gets that today). Only the
        // bss end differs, as above.
        ElfFile elf = BionicModelTest.renamed("bootstrap-libc.so", "bootstrap-libc.bin");
        assertThat(against("bootstrap-libc-padded-relro.maps", "/system/lib64/bootstrap/libc.so", "bionic@15", elf))
                .containsExactly("expected 0x10a000-0x563000 rw- anonymous (bss), observed 0x10a000-0x55b000 rw-"
                        + " anonymous");
    }

    @Test
    void compatLoadedIsTwoNamedAnonymousEntries() throws IOException {
        // commit ce1c3cf77's sample: elf_max_page_size_4kib.so in compat mode, one 16 KiB r-x and
        // one 16 KiB rw- entry named [anon:PATH (compat loaded)]. lib4k.so is a library of the same
        // kind (4 KiB max-page-size, lld, one page of each); the model gives it the same shape.
        List<MapsEntry> maps = LiveLayoutTest.readMaps(MAPS.resolve("compat-loaded.maps"));
        List<Mapping> predicted = KernelMerge.merge(
                Loaders.named("bionic+compat").layout(BionicModelTest.fx("lib4k.so"), PageSize.P16K).mappings());
        assertThat(predicted).hasSameSizeAs(maps);
        long base = maps.get(0).start();
        for (int i = 0; i < maps.size(); i++) {
            MapsEntry e = maps.get(i);
            Mapping m = predicted.get(i);
            assertThat(List.of(e.start() - base, e.end() - base, e.prot())).isEqualTo(List.of(m.start(), m.end(),
                    m.prot()));
            assertThat(e.path()).isEqualTo("[anon:/system/lib64/elf_max_page_size_4kib.so (compat loaded)]");
        }
        assertThat(KernelMerge.anonName(predicted.get(0))).endsWith("lib4k.so (compat loaded)");
    }

    @Test
    void theClangLibrariesRebuildToTheSameLayouts(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(org.elfmap.testkit.Tools.has("clang") && org.elfmap.testkit.Tools.has("ld.lld")
                && org.elfmap.testkit.Tools.has("python3"), "clang, ld.lld or python3 is not installed");
        Process p = new ProcessBuilder("bash", "fixtures/bionic/build.sh", tmp.toString()).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        for (String lib : List.of("lib4k.so", "lib16k-pad.so")) {
            for (String loader : List.of("bionic", "bionic+compat", "bionic@14")) {
                for (PageSize page : List.of(PageSize.P4K, PageSize.P16K)) {
                    Layout fresh = Loaders.named(loader).layout(org.elfmap.elf.Elf.read(tmp.resolve(lib)), page);
                    Layout committed = Loaders.named(loader).layout(BionicModelTest.fx(lib), page);
                    assertThat(BionicModelTest.shape(fresh)).as(lib + " " + loader + " " + page.label())
                            .isEqualTo(BionicModelTest.shape(committed));
                    assertThat(fresh.refusal().map(r -> r.reason())).isEqualTo(committed.refusal().map(r -> r.reason()));
                }
            }
        }
    }

    @Test
    void theCraftedFixturesAreWhatTheScriptWrites(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(org.elfmap.testkit.Tools.has("python3"), "python3 is not installed");
        Process p = new ProcessBuilder("python3", "fixtures/bionic/make_phdrs.py", tmp.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<Path> written;
        try (Stream<Path> s = Files.list(tmp)) {
            written = s.sorted().toList();
        }
        assertThat(written).hasSizeGreaterThan(15);
        for (Path w : written) {
            assertThat(Files.readAllBytes(BionicModelTest.DIR.resolve(w.getFileName())))
                    .as(w.getFileName().toString()).isEqualTo(Files.readAllBytes(w));
        }
    }
}
