package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Test;

/**
 * FreeBSD's rtld, release by release, on the crafted libraries of {@code fixtures/freebsd}
 * ({@code mkelf.py}). FreeBSD cannot run here: each expected layout or refusal is derived in the
 * comment from {@code libexec/rtld-elf/map_object.c} ({@code map_object}) and {@code rtld.c} of
 * the release named, as read for {@link FreeBsdRelease}.
 */
class FreeBsdRtldModelTest {
    private static final PageSize P = PageSize.P4K;

    static ElfFile lib(String name) throws IOException {
        return Elf.read(Fixtures.dir("freebsd").resolve("lib").resolve(name));
    }

    static Layout layout(String loader, String lib) throws IOException {
        return Loaders.named(loader).layout(lib(lib), P);
    }

    static String row(Mapping m) {
        return String.format("%x-%x %s %s %s", m.start(), m.end(), m.prot(), m.kind(), m.backing());
    }

    @Test
    void alignmentNotAPageMultipleIsRefusedFromSevenOnWithRtldsOwnWords() throws IOException {
        // map_object's scan, 7.2 (rev 1.18.8.1) to main: "if ((segs[nsegs]->p_align & (PAGE_SIZE - 1)) != 0)
        // { _rtld_error("%s: PT_LOAD segment %d not page-aligned", path, nsegs); goto error; }", nsegs
        // counting PT_LOADs from 0: libalign16.so's second PT_LOAD (p_align 0x10) is "segment 1".
        for (int v = 7; v <= 15; v++) {
            Layout l = layout("freebsd@" + v, "libalign16.so");
            assertThat(l.refusal()).as("freebsd@" + v).map(Refusal::reason).hasValue(Refusal.Reason.ALIGN_NOT_PAGE_MULTIPLE);
            assertThat(l.refusal().get().loaderMessage()).hasValue("PT_LOAD segment 1 not page-aligned");
        }
        // rev 1.17 (6.x): "if (segs[nsegs]->p_align < PAGE_SIZE)", same message
        assertThat(layout("freebsd@6", "libalign16.so").refusal()).map(Refusal::reason)
                .hasValue(Refusal.Reason.ALIGN_BELOW_PAGE);
    }

    @Test
    void alignmentZeroIsRefusedOnlyBySixWhoseCheckIsBelowPageSize() throws IOException {
        // rev 1.17: 0 < PAGE_SIZE, refused; rev 1.18 on: 0 & 0xfff == 0, accepted
        Layout six = layout("freebsd@6", "libalign0.so");
        assertThat(six.refusal()).map(Refusal::reason).hasValue(Refusal.Reason.ALIGN_BELOW_PAGE);
        assertThat(six.refusal().get().loaderMessage()).hasValue("PT_LOAD segment 1 not page-aligned");
        for (int v = 7; v <= 15; v++) {
            assertThat(layout("freebsd@" + v, "libalign0.so").refusal()).as("freebsd@" + v).isEmpty();
        }
    }

    @Test
    void aSharedObjectNeedsPtDynamic() throws IOException {
        // map_object, every release: "if (phdyn == NULL) { _rtld_error("%s: object is not dynamically-linked"
        for (int v = 6; v <= 15; v++) {
            Layout l = layout("freebsd@" + v, "libnodyn.so");
            assertThat(l.refusal()).map(Refusal::reason).hasValue(Refusal.Reason.NO_DYNAMIC);
            assertThat(l.refusal().get().loaderMessage()).hasValue("object is not dynamically-linked");
        }
    }

    @Test
    void gapsAreFileBackedUpToSevenAnonymousInEightToElevenGuardsFromTwelve() throws IOException {
        // libgap.so.1: text [0, 0x2000), data at 0x202000: the gap is [0x2000, 0x202000), 512 pages.
        // <= 7: mapbase = mmap(base_addr, mapsize, convert_prot(segs[0]->p_flags), ..., fd, base_offset):
        //       file-backed, text's r-x, file offsets continuing text's (0x2000)
        Layout seven = layout("freebsd@7", "libgap.so.1");
        assertThat(seven.mappings()).map(FreeBsdRtldModelTest::row).contains("2000-202000 r-x gap file");
        // 8-11: mmap(base_addr, mapsize, PROT_NONE, MAP_ANON | MAP_PRIVATE | MAP_NOCORE, -1, 0) (10.4 r296939)
        Layout ten = layout("freebsd@10", "libgap.so.1");
        assertThat(ten.mappings()).map(FreeBsdRtldModelTest::row).contains("2000-202000 --- gap anon");
        // 12+: base_flags = __getosreldate() >= P_OSREL_MAP_GUARD ? MAP_GUARD : ...
        Layout fourteen = layout("freebsd@14", "libgap.so.1");
        assertThat(fourteen.mappings()).map(FreeBsdRtldModelTest::row).contains("2000-202000 --- gap guard");
        // VSZ: vm_map_insert adds end - start to map->size only without MAP_CREATE_GUARD (sys/vm/vm_map.c):
        // the 512-page gap counts under 7 and 10, not under 14; the span is 0x206000 bytes
        assertThat(seven.vszBytes()).isEqualTo(0x206000);
        assertThat(ten.vszBytes()).isEqualTo(0x206000);
        assertThat(fourteen.vszBytes()).isEqualTo(0x206000 - 0x200000);
    }

    @Test
    void upToSevenEveryTailIsZeroedFromEightOnlyWhereThereIsBss() throws IOException {
        // <= 7: "Clear any BSS in the last page of the segment" for every segment: text ends at 0x1800,
        // so its last page [0x1000, 0x2000) is write-toggled and becomes a private entry (the seed's line);
        // 8+: the block is inside "if (segs[i]->p_filesz != segs[i]->p_memsz)", text has no bss
        assertThat(layout("freebsd@7", "libgap.so.1").mappings()).map(FreeBsdRtldModelTest::row)
                .contains("0-1000 r-x text file", "1000-2000 r-x zeroed-tail file");
        assertThat(layout("freebsd@8", "libgap.so.1").mappings()).map(FreeBsdRtldModelTest::row)
                .contains("0-2000 r-x text file");
    }

    @Test
    void bssIsTheReservationMprotectedInEightAndMappedAnonymousLater() throws IOException {
        // data 0x202000 filesz 0x1100 memsz 0x4000: file pages to round_page(0x203100) = 0x204000, bss
        // [0x204000, round_page(0x206000)). 8.x: mprotect(bss_addr, ..., data_prot) of the anonymous
        // reservation; 9.3 on: mmap(bss_addr, ..., data_flags | MAP_ANON, -1, 0). Both anonymous rw-.
        for (String v : new String[] {"freebsd@8", "freebsd@10"}) {
            assertThat(layout(v, "libgap.so.1").mappings()).map(FreeBsdRtldModelTest::row)
                    .contains("204000-206000 rw- bss anon");
        }
    }

    @Test
    void relroRoundsTheSizeUpInNineToFourteenAndTheEndDownOnMain() throws IOException {
        // librelro.so: PT_GNU_RELRO vaddr 0x202000 memsz 0x800 (half a page).
        // 9-14: relro_page = trunc_page(0x202000), relro_size = round_page(0x800) = 0x1000: one page r--
        for (int v = 9; v <= 14; v++) {
            assertThat(layout("freebsd@" + v, "librelro.so").mappings()).as("freebsd@" + v)
                    .map(FreeBsdRtldModelTest::row).contains("202000-203000 r-- relro file");
        }
        // main: relro_size = rtld_trunc_page(relro_page + relro_size) - rtld_trunc_page(relro_page) = 0: nothing
        assertThat(layout("freebsd@15", "librelro.so").mappings()).map(FreeBsdRtldModelTest::row)
                .contains("202000-204000 rw- data file");
        // up to 8: map_object reads no PT_GNU_RELRO at all (head rev 1.24)
        assertThat(layout("freebsd@8", "librelro.so").mappings()).map(FreeBsdRtldModelTest::row)
                .contains("202000-204000 rw- data file");
    }

    @Test
    void theLastPtGnuRelroWins() throws IOException {
        // map_object's scan assigns relro_page/relro_size at each PT_GNU_RELRO it meets: the second
        // (0x202000, 0x1000) replaces the first (0x202000, 0x2000): one page, not two
        for (String v : new String[] {"freebsd@9", "freebsd@14", "freebsd@15"}) {
            assertThat(layout(v, "libtworelro.so").mappings()).as(v).map(FreeBsdRtldModelTest::row)
                    .contains("202000-203000 r-- relro file", "203000-205000 rw- data file");
        }
    }

    @Test
    void aFileszZeroSegmentAtAPageMakesAZeroLengthMmapThatFailsFromEightToThirteen() throws IOException {
        // libfilesz0.so segment 2: vaddr 0x3000 filesz 0: data_vlimit - data_vaddr = 0. sys_mmap
        // (sys/vm/vm_mmap.c): "if (len == 0 && p->p_osrel >= P_OSREL_MAP_ANON) return (EINVAL)" (800104):
        // "mmap of data failed: Invalid argument", the object is not loaded
        for (int v = 8; v <= 13; v++) {
            Layout l = layout("freebsd@" + v, "libfilesz0.so");
            assertThat(l.refusal()).as("freebsd@" + v).map(Refusal::reason).hasValue(Refusal.Reason.EMPTY_MAPPING);
            assertThat(l.refusal().get().segment()).hasValue(2);
            assertThat(l.refusal().get().loaderMessage()).hasValue("mmap of data failed: Invalid argument");
        }
        // 14: "if (data_vlimit != data_vaddr && mmap(...))": skipped; the bss is mapped as usual
        for (int v = 14; v <= 15; v++) {
            Layout l = layout("freebsd@" + v, "libfilesz0.so");
            assertThat(l.refusal()).isEmpty();
            assertThat(l.mappings()).map(FreeBsdRtldModelTest::row).contains("3000-5000 rw- bss anon");
        }
        // 7.x: no len == 0 check in sys_mmap before P_OSREL_MAP_ANON
        assertThat(layout("freebsd@7", "libfilesz0.so").refusal()).isEmpty();
    }

    @Test
    void aliasesNameVersions() {
        assertThat(Loaders.named("freebsd-2007").name()).isEqualTo("freebsd@7");
        assertThat(Loaders.named("freebsd").name()).isEqualTo("freebsd@15");
        assertThat(Loaders.named("freebsd@main").name()).isEqualTo("freebsd@15");
        assertThat(Loaders.named("freebsd-kernel").name()).isEqualTo("freebsd-kernel@15");
        assertThat(Loaders.byName("freebsd@5")).isEmpty();
        assertThat(Loaders.byName("freebsd@16")).isEmpty();
        assertThat(Loaders.byName("glibc@2")).isEmpty();
    }

    @Test
    void theCommittedFixturesAreWhatTheScriptWrites(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.has("python3", "--version"),
                "python3 is needed to rerun fixtures/freebsd/mkelf.py");
        Process p = new ProcessBuilder("python3", Fixtures.dir("freebsd").resolve("mkelf.py").toString(), tmp.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("mkelf.log").toFile()).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("mkelf.py finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("mkelf.log"))).isZero();
        for (String f : new String[] {"lib/libalign16.so", "lib/libalign0.so", "lib/libnodyn.so", "lib/librelro.so",
            "lib/libtworelro.so", "lib/libfilesz0.so", "lib/libgap.so.1", "prog-filesz0", "prog-sharedpage",
            "prog-static-relro", "prog"}) {
            assertThat(tmp.resolve(f)).as(f).hasSameBinaryContentAs(Fixtures.dir("freebsd").resolve(f));
        }
    }
}
