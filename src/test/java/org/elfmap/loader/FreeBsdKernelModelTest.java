package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;
import org.elfmap.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * FreeBSD's kernel exec ({@code sys/kern/imgact_elf.c}, {@code __elfN(load_section)} and
 * {@code __elfN(map_insert)}) on the crafted programs of {@code fixtures/freebsd}. Expected values
 * are derived in the comments from those functions.
 */
class FreeBsdKernelModelTest {
    private static final PageSize P = PageSize.P4K;

    static Layout layout(String loader, String prog) throws IOException {
        ElfFile elf = Elf.read(Fixtures.dir("freebsd").resolve(prog));
        return Loaders.named(loader).layout(elf, P);
    }

    @Test
    void aFileszZeroSegmentAtAnUnalignedAddressIsAnonymousFromItsPage() throws IOException {
        // prog-filesz0 segment 1: vaddr 0x203800, filesz 0, memsz 0x2000. load_section: "if (filsz == 0)
        // map_len = 0" (no file part); then "map_addr = trunc_page((vm_offset_t)vmaddr + filsz)" = 0x203000,
        // "map_len = round_page((vm_offset_t)vmaddr + memsz) - map_addr" = 0x206000 - 0x203000
        Layout l = layout("freebsd-kernel", "prog-filesz0");
        assertThat(l.refusal()).isEmpty();
        assertThat(l.mappings()).map(FreeBsdRtldModelTest::row)
                .containsExactly("200000-202000 r-x text file", "203000-206000 rw- bss anon");
    }

    @Test
    void segmentsSharingAPageMakeExecFail() throws IOException {
        // prog-sharedpage: text [0x200000, 0x201100) takes pages to 0x202000; data 0x201100 (filesz 0x100,
        // memsz 0x200) has no whole file page (trunc_page(0x1200) - trunc_page(0x1100) = 0) and its anonymous
        // part starts at trunc_page(0x201200) = 0x201000, a page text holds. map_insert: vm_map_fixed(...,
        // cow | MAP_CHECK_EXCL): no vm_map_delete first, vm_map_insert finds the range taken, KERN_NO_SPACE,
        // load_section returns EINVAL and the exec fails
        Layout l = layout("freebsd-kernel@14", "prog-sharedpage");
        assertThat(l.refusal()).map(Refusal::reason).hasValue(Refusal.Reason.SEGMENTS_SHARE_A_PAGE);
        assertThat(l.refusal().get().segment()).hasValue(1);
        assertThat(layout("freebsd-kernel@8", "prog-sharedpage").refusal()).isPresent();
    }

    @Test
    void aStaticProgramGetsNoRelro() throws IOException {
        // Neither load_section nor libc's start-up for static programs (lib/csu/common/ignore_init.c,
        // lib/libc/csu/libc_start1.c: handle_static_init runs the IRELATIVE relocations and the init
        // arrays) calls mprotect: the PT_GNU_RELRO page stays rw-
        Layout l = layout("freebsd-kernel@14", "prog-static-relro");
        assertThat(l.mappings()).noneMatch(m -> m.kind() == Kind.RELRO);
        assertThat(l.mappings()).map(FreeBsdRtldModelTest::row).contains("402000-404000 rw- data file");
        assertThat(l.notes()).contains(new LayoutNote.RelroNotApplied());
    }

    @Test
    void aDynamicProgramsRelroIsRtldsByTheReleasesRule() throws IOException {
        // prog has PT_INTERP: rtld's digest_phdr reads its PT_GNU_RELRO (0x202000, 0x1000) and
        // obj_enforce_relro protects it: [0x202000, 0x203000) under 9-15, nothing before 9
        assertThat(layout("freebsd-kernel@14", "prog").mappings()).map(FreeBsdRtldModelTest::row)
                .contains("202000-203000 r-- relro file");
        assertThat(layout("freebsd-kernel@8", "prog").mappings()).noneMatch(m -> m.kind() == Kind.RELRO);
    }
}
