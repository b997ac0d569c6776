package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.BadInputException;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.Backing;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;
import org.elfmap.space.RegionNote;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * bionic's linker, rule by rule, on the crafted program-header sets of
 * {@code fixtures/bionic/make_phdrs.py} and the two clang/lld libraries of
 * {@code fixtures/bionic/build.sh}. Each expected layout or refusal is worked out in its comment
 * from the source: AOSP {@code platform/bionic}, {@code linker/linker_phdr.cpp} (and
 * {@code linker_phdr_16kib_compat.cpp}), at the tag or branch of the release named.
 */
class BionicModelTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/bionic");
    static final PageSize P4K = PageSize.P4K;
    static final PageSize P16K = PageSize.P16K;
    static final int PT_GNU_RELRO = 0x6474e552;

    static ElfFile fx(String name) {
        return Elf.read(DIR.resolve(name));
    }

    static Layout lay(String loader, String file, PageSize page) {
        return Loaders.named(loader).layout(fx(file), page);
    }

    /** start, end, prot, kind and backing of each mapping: what a test compares. */
    static List<String> shape(Layout l) {
        return shape(l.mappings());
    }

    static List<String> shape(List<Mapping> ms) {
        return ms.stream().map(m -> String.format("%x-%x %s %s %s%s", m.start(), m.end(), m.prot(), m.kind(),
                m.backing(), m.fileOffset().isPresent() ? " @" + Long.toHexString(m.fileOffset().getAsLong()) : ""))
                .toList();
    }

    static String name(String file) {
        return DIR.resolve(file).toString();
    }

    @Nested
    class Alignment {
        @Test
        void pAlignZeroAndOneAreSkipped() {
            // CheckProgramHeaderAlignment (main 2025-03; phdr_table_get_minimum_alignment before):
            // min_align_ starts at page_size() and only "if (phdr->p_align > 1)" lowers it, so
            // segments 0 (p_align 0) and 1 (p_align 1) leave it at 16 KiB: LoadSegments' check
            // "min_align_ < kPageSize" is false and the file loads. Each segment maps from
            // page_start(p_offset) at page_start(p_vaddr); segment 2's 0x800 file bytes take one
            // 16 KiB page, which also holds its memsz 0x2000, so there is no .bss mapping.
            for (String release : List.of("bionic", "bionic@15-qpr1")) {
                Layout l = lay(release, "align-zero-one.so", P16K);
                assertThat(l.refusal()).as(release).isEmpty();
                assertThat(shape(l)).containsExactly(
                        "0-4000 r-- rodata file @0",
                        "4000-8000 r-x text file @4000",
                        "8000-c000 rw- data file @8000");
            }
        }

        @Test
        void belowThePageIsCheckedOnlyFromSixteenKiB() {
            // LoadSegments: "Only enforce this on 16 KB systems ... Apps may rely on undefined
            // behavior here on 4 KB systems": kPageSize >= 16384 && min_align_ < kPageSize.
            assertThat(lay("bionic", "align-2k.so", P4K).refusal()).isEmpty();
            Refusal r = lay("bionic", "align-2k.so", P16K).refusal().orElseThrow();
            assertThat(r.reason()).isEqualTo(Refusal.Reason.ALIGN_BELOW_PAGE);
            assertThat(r.loaderMessage()).contains("\"" + name("align-2k.so")
                    + "\" program alignment (2048) cannot be smaller than system page size (16384)");
            // the compat mode is asked for only when min_align_ == 4096 (ElfReader::Read)
            assertThat(lay("bionic+compat", "align-2k.so", P16K).refusal()).contains(r);
        }

        @Test
        void beforeFifteenQpr1NothingChecksIt() {
            // the check arrived with commit fc89c8ae1 (android15-qpr1-release); android-15.0.0_r1
            // maps the 4 KiB-aligned library at 16 KiB pages regardless
            Layout l = lay("bionic@15", "lib4k.so", P16K);
            assertThat(l.refusal()).isEmpty();
            assertThat(l.notes()).contains(new LayoutNote.AlignUnchecked(4096));
            assertThat(lay("bionic@15-qpr1", "lib4k.so", P16K).refusal().map(Refusal::loaderMessage))
                    .contains(Optional.of("\"" + name("lib4k.so")
                            + "\" program alignment (4096) cannot be smaller than system page size (16384)"));
        }

        @Test
        void aNonPowerOfTwoOnlyWarns() {
            // CheckProgramHeaderAlignment: "The kernel ignores loadable segments with other values,
            // so we just warn rather than reject them": DL_WARN("\"%s\" has invalid p_align %zx in
            // phdr %zu") and continue, so segment 1's 0x3000 does not lower min_align_ (16 KiB from
            // the others). The warning came with commit c039e49c7 (main, 2025-01).
            Layout l = lay("bionic", "align-npot.so", P16K);
            assertThat(l.refusal()).isEmpty();
            assertThat(l.notes()).contains(new LayoutNote.LoaderWarns(OptionalInt.of(1),
                    "\"" + name("align-npot.so") + "\" has invalid p_align 3000 in phdr 1"));
            Layout qpr2 = lay("bionic@15-qpr2", "align-npot.so", P16K);
            assertThat(qpr2.refusal()).isEmpty();
            assertThat(qpr2.notes()).noneMatch(n -> n instanceof LayoutNote.LoaderWarns);
        }

        @Test
        void congruenceIsNeverChecked() {
            // MapSegment maps file_offset_ + page_start(p_offset) at page_start(p_vaddr + load_bias)
            // for p_offset + p_filesz - page_start(p_offset) bytes: segment 1 (p_offset 0x1000,
            // p_vaddr 0x4000) gets the file from offset 0 at 0x4000 (0x2000 bytes, one 16 KiB
            // page), so its p_vaddr holds file offset 0, not 0x1000: the wrong bytes, unrefused.
            Layout l = lay("bionic", "incongruent.so", P16K);
            assertThat(l.refusal()).isEmpty();
            assertThat(shape(l)).contains("4000-8000 r-x text file @0");
            assertThat(l.notes()).contains(new LayoutNote.NotCongruent(1));
        }
    }

    @Nested
    class Refusals {
        @Test
        void writableAndExecutableWithFilePages() {
            // LoadSegments: file_length != 0 and PROT_EXEC|PROT_WRITE. main: DL_ERROR_AFTER(26,
            // "\"%s\" has load segments that are both writable and executable"); android-15.0.0_r1
            // and before: "\"%s\": W+E load segments are not allowed" when the target SDK >= 26
            // (the platform's own processes are above every SDK).
            Refusal r16 = lay("bionic", "wx.so", P4K).refusal().orElseThrow();
            assertThat(r16.reason()).isEqualTo(Refusal.Reason.WRITABLE_AND_EXECUTABLE);
            assertThat(r16.segment()).hasValue(1);
            assertThat(r16.loaderMessage()).contains("\"" + name("wx.so")
                    + "\" has load segments that are both writable and executable");
            assertThat(lay("bionic@15", "wx.so", P4K).refusal().flatMap(Refusal::loaderMessage))
                    .contains("\"" + name("wx.so") + "\": W+E load segments are not allowed");
            // below 26 the linker warns (add_dlwarning "W+E load segments") and maps it rwx
            Layout old = lay("bionic+sdk=25", "wx.so", P4K);
            assertThat(old.refusal()).isEmpty();
            assertThat(old.notes()).contains(new LayoutNote.LoaderWarns(OptionalInt.of(1),
                    "\"" + name("wx.so") + "\" has load segments that are both writable and executable"));
            assertThat(shape(old)).contains("4000-5000 rwx text file @4000");
        }

        @Test
        void writableAndExecutableWithoutFilePagesIsNotLookedAt() {
            // file_length = file_end - file_page_start = 0 for p_offset 0x4000, p_filesz 0: the
            // W+E check sits inside "if (file_length != 0)"; MapBssSection maps the bss rwx
            Layout l = lay("bionic", "wx-bss.so", P4K);
            assertThat(l.refusal()).isEmpty();
            assertThat(shape(l)).contains("4000-6000 rwx bss anon");
        }

        @Test
        void pastTheEndOfTheFile() {
            // LoadSegments: "if (file_start + phdr->p_filesz > static_cast<size_t>(file_size_))"
            // DL_ERR("invalid ELF file \"%s\" load segment[%zd]: p_offset (%p) + p_filesz (%p)
            // ( = %p) past end of file (0x%" PRIx64 ")"): 0x4000 + 0x2000 > 0x5000
            Refusal r = lay("bionic", "past-eof.so", P4K).refusal().orElseThrow();
            assertThat(r.reason()).isEqualTo(Refusal.Reason.PAST_END_OF_FILE);
            assertThat(r.loaderMessage()).contains("invalid ELF file \"" + name("past-eof.so") + "\" load segment[1]:"
                    + " p_offset (0x4000) + p_filesz (0x2000) ( = 0x6000) past end of file (0x5000)");
            assertThat(lay("bionic", "at-eof.so", P4K).refusal()).isEmpty();
            // glibc maps it (mmap past the end succeeds); every model says the pages are not backed
            Layout glibc = Loaders.named("glibc").layout(fx("past-eof.so"), P4K);
            assertThat(glibc.refusal()).isEmpty();
            assertThat(glibc.notes()).contains(new LayoutNote.PastEndOfFile(1));
        }

        @Test
        void noLoadableSegments() throws IOException {
            // ReserveAddressSpace: phdr_table_get_load_size() is 0 without a PT_LOAD ("min_vaddr = 0"
            // when !found_pt_load): DL_ERR("\"%s\" has no loadable segments")
            ElfFile none = Elf.read(new ArrayByteSource("noload.so", SyntheticElf.elf64().minSize(0x100).bytes()));
            Refusal r = new BionicModel().layout(none, P4K).refusal().orElseThrow();
            assertThat(r.reason()).isEqualTo(Refusal.Reason.NO_LOADABLE_SEGMENTS);
            assertThat(r.loaderMessage()).contains("\"" + none.name() + "\" has no loadable segments");
        }
    }

    @Nested
    class Relro {
        @Test
        void everyRelroIsProtectedAndItsEndRoundedUp() {
            // _phdr_table_set_gnu_relro_prot loops over every PT_GNU_RELRO: "We're going to be
            // over-protective here and put every page touched by the segment as read-only":
            // [page_start(0x4000), page_end(0x5000)) and [page_start(0x8000), page_end(0x8800)).
            assertThat(shape(lay("bionic", "relro-two.so", P4K))).containsExactly(
                    "0-1000 r-- rodata file @0",
                    "1000-4000 --- gap anon",
                    "4000-5000 r-- relro file @4000",
                    "5000-6000 rw- data file @5000",
                    "6000-8000 --- gap anon",
                    "8000-9000 r-- relro file @8000",
                    "9000-a000 rw- data file @9000",
                    "a000-b000 rw- bss anon");
        }

        @Test
        void relroCoveringItsLoadIsExtendedToThePaddedEnd() {
            // _extend_gnu_relro_prot_end (android-15.0.0_r1, commit 702d9b0ba): the PT_LOAD that
            // starts at the RELRO's p_vaddr (segment 2, memsz 0x3d40) is no larger than the RELRO
            // (0x45f0), so the protection ends at page_end(p_vaddr + extended p_memsz) = 0x109000,
            // the start of segment 3's page. With the file named other than *.so the kernel keeps
            // the padding in the segment's entry, so r-- runs from 0xf5000 to 0x109000 in one.
            ElfFile elf = renamed("bootstrap-libc.so", "bootstrap-libc.bin");
            List<Mapping> merged = KernelMerge.merge(Loaders.named("bionic@15").layout(elf, P4K).mappings());
            assertThat(shape(merged)).contains("f5000-109000 r-- relro file @d5000");
        }
    }

    @Nested
    class Programs {
        @Test
        void anAndroidProgramGetsBionicsRelroFromTheKernelModel() throws IOException {
            // the kernel maps an Android executable; its RELRO is the linker's (linker_main.cpp:
            // soinfo::link_image -> protect_relro -> phdr_table_protect_gnu_relro, every
            // PT_GNU_RELRO, end rounded up), not glibc's last one rounded down
            ElfFile prog = Elf.read(new ArrayByteSource("app_process64", SyntheticElf.elf64()
                    .phdr(3, "r", 0x200, 0x200, 21, 21, 1).putString(0x200, "/system/bin/linker64")
                    .load(0, 0, 0x1000, 0x1000, "r", 0x1000)
                    .load(0x1000, 0x1000, 0x2000, 0x2000, "rw", 0x1000)
                    .phdr(0x6474e552, "r", 0x1000, 0x1000, 0x800, 0x800, 1)
                    .phdr(0x6474e552, "r", 0x2000, 0x2000, 0x100, 0x100, 1).bytes()));
            Layout l = Loaders.defaultFor(prog).layout(prog, P4K);
            assertThat(l.loader()).isEqualTo("linux-kernel");
            // [0x1000, page_end(0x1800)) and [0x2000, page_end(0x2100)): both pages read-only; glibc's
            // rule would protect [0x2000, page_start(0x2100)), nothing
            assertThat(shape(l)).containsExactly("0-1000 r-- rodata file @0", "1000-2000 r-- relro file @1000",
                    "2000-3000 r-- relro file @2000");
        }
    }

    @Nested
    class Padding {
        @Test
        void paddedSegmentsAreListedApartAsPageSizeCompat() {
            // lib16k-pad.so (lld, max-page-size 16 KiB, NT_ANDROID_TYPE_PAD_SEGMENT = 1) at 4 KiB
            // pages, where pgsize_migration reads 1: _extend_load_segment_vma extends each PT_LOAD
            // with 4 KiB < p_align <= 64 KiB, no bss and a PT_LOAD next, to page_start(next
            // p_vaddr): [0x1000,0x4000), [0x5000,0x8000), [0x9000,0xc000). The RELRO (memsz 0xb78 >=
            // its LOAD's 0xe0) is protected to 0xc000. DropPaddingPages' MADV_DONTNEED marks the
            // padding, which the kernel (pgsize_migration.c, get_pad_vma) lists as ---p
            // [page size compat] for a *.so mapped by linker64.
            Layout l = lay("bionic", "lib16k-pad.so", P4K);
            assertThat(l.refusal()).isEmpty();
            assertThat(shape(KernelMerge.merge(l.mappings()))).containsExactly(
                    "0-1000 r-- rodata file @0",
                    "1000-4000 --- gap anon",
                    "4000-5000 r-x text file @0",
                    "5000-8000 --- gap anon",
                    "8000-9000 r-- relro file @0",
                    "9000-c000 --- gap anon",
                    "c000-d000 rw- data file @0");
            assertThat(l.mappings().get(1).note()).contains(new RegionNote.PaddingListedApart(OptionalInt.of(1)));
            assertThat(l.notes()).contains(new LayoutNote.Padded(1, 2), new LayoutNote.Padded(2, 3),
                    new LayoutNote.Padded(3, 4));
        }

        @Test
        void paddingNeedsPageSizeMigration() {
            // ReadPadSegmentNote: "if (!page_size_migration_supported()) ... return true" without
            // reading the note (commit c5c1d19eb): the gaps stay the reservation's PROT_NONE
            Layout off = lay("bionic+no-pgsize-migration", "lib16k-pad.so", P4K);
            assertThat(shape(off)).contains("1000-4000 --- gap anon", "5000-8000 --- gap anon");
            assertThat(off.mappings().get(1).note()).contains(new RegionNote.Gap(RegionNote.Holder.ANON_PROT_NONE));
            assertThat(off.notes()).contains(new LayoutNote.PaddingNotApplied(
                    LayoutNote.PaddingBlock.NO_PGSIZE_MIGRATION, OptionalInt.empty()));
            // a 16 KiB kernel never enables it (store_pgsize_migration_enabled: "Migration is only
            // applicable to 4kB kernels"), and 15 QPR2 ignores it for 32-bit processes
            assertThat(new BionicModel().options().migration(P16K, true)).isFalse();
            assertThat(Loaders.named("bionic@15-qpr2+pgsize-migration") instanceof BionicModel b
                    && !b.options().migration(P4K, false)).isTrue();
            assertThat(Loaders.named("bionic@15+pgsize-migration") instanceof BionicModel b
                    && b.options().migration(P4K, false)).isTrue();
            // before android-15.0.0_r1 the linker does not pad at all
            assertThat(lay("bionic@14", "lib16k-pad.so", P4K).notes()).contains(new LayoutNote.PaddingNotApplied(
                    LayoutNote.PaddingBlock.RELEASE, OptionalInt.empty()));
        }

        @Test
        void theNoteDecides() {
            // "should_pad_segments_ = *reinterpret_cast<const ElfW(Word)*>(note_desc) == 1"
            Layout zero = lay("bionic", "pad-note-zero.so", P4K);
            assertThat(shape(zero)).contains("1000-4000 --- gap anon");
            assertThat(zero.notes()).contains(new LayoutNote.PaddingNotApplied(LayoutNote.PaddingBlock.NOTE_SAYS_NO,
                    OptionalInt.empty()));
            // "if (note_hdr->n_descsz != sizeof(ElfW(Word)))" DL_ERR: read only where migration is on
            Refusal r = lay("bionic", "pad-note-descsz8.so", P4K).refusal().orElseThrow();
            assertThat(r.reason()).isEqualTo(Refusal.Reason.BAD_PAD_NOTE);
            assertThat(r.loaderMessage()).contains("\"" + name("pad-note-descsz8.so")
                    + "\": NT_ANDROID_TYPE_PAD_SEGMENT note has unexpected n_descsz: 8");
            assertThat(lay("bionic+no-pgsize-migration", "pad-note-descsz8.so", P4K).refusal()).isEmpty();
        }

        @Test
        void noPaddingAbove64KiB() {
            // _extend_load_segment_vma: "Don't do segment extension for p_align > 64KiB" (commit
            // e1e747984): the kernel keeps the padding's size in 4 VMA flag bits
            Layout l = lay("bionic", "pad-align128k.so", P4K);
            assertThat(shape(l)).contains("1000-20000 --- gap anon", "21000-40000 --- gap anon");
            assertThat(l.notes()).contains(new LayoutNote.PaddingNotApplied(LayoutNote.PaddingBlock.ALIGN_ABOVE_64K,
                    OptionalInt.of(0)));
        }

        @Test
        void fromAnApkThePaddingStaysInTheSegmentsEntry() {
            // madvise_vma_pad_pages records padding only for a file whose name ends in ".so"; a
            // library mapped from its APK maps the APK: the padding is its segment's, from the file
            ElfFile apk = renamed("lib16k-pad.so", "app.apk!/lib/arm64-v8a/libpad.so");
            Layout l = new BionicModel().layout(apk, P4K);
            assertThat(l.mappings().get(1).note()).contains(new RegionNote.Padding(1));
            assertThat(shape(KernelMerge.merge(l.mappings()))).startsWith("0-4000 r-- rodata file @0",
                    "4000-8000 r-x text file @0");
        }
    }

    @Nested
    class RandomGap {
        @Test
        void aReservationCrossing2MiBGetsOne() {
            // ReserveWithAlignmentPadding (LP64): mapping_align = kLibraryAlignment (256 KiB); the
            // window [first_byte, last_byte] is align_up(size, 256 KiB) at a 256 KiB boundary; when
            // "first_byte / kGapAlignment != last_byte / kGapAlignment" (2 MiB) gap_size =
            // kGapAlignment * (arc4random_uniform(kMaxGapUnits - 1) + 1) = 2..62 MiB, kept mapped.
            // 64 KiB: one 256 KiB window never crosses; 1 MiB: crosses from the 5th of the eight
            // 256 KiB places of a 2 MiB region on (3 of 8); 3 MiB: always.
            assertThat(lay("bionic", "span-64k.so", P4K).notes()).noneMatch(n -> n instanceof LayoutNote.AslrGap);
            assertThat(lay("bionic", "span-1m.so", P4K).notes()).contains(new LayoutNote.AslrGap(
                    LayoutNote.Chance.SOMETIMES, 3, 8, 1 << 20, 2 << 20, 62 << 20));
            assertThat(lay("bionic", "span-3m.so", P4K).notes()).contains(new LayoutNote.AslrGap(
                    LayoutNote.Chance.ALWAYS, 8, 8, 3 << 20, 2 << 20, 62 << 20));
            // the gap is random: it is not among the mappings, so VSZ is the library's own
            assertThat(lay("bionic", "span-3m.so", P4K).vszBytes()).isEqualTo(3 << 20);
        }

        @Test
        void notOn32Bit() throws IOException {
            // "#if defined(__LP64__)" around the gap: 32-bit processes get none
            ElfFile elf32 = Elf.read(new ArrayByteSource("big32.so", SyntheticElf.elf32()
                    .load(0, 0, 0x1000, 0x1000, "rx", 0x1000)
                    .load(0x1000, 0x1000, 0x100, 0x300000, "rw", 0x1000).bytes()));
            assertThat(new BionicModel().layout(elf32, P4K).notes()).noneMatch(n -> n instanceof LayoutNote.AslrGap);
        }
    }

    @Nested
    class Compat {
        @Test
        void aFourKiBLibraryIsReadIntoOneNamedReservation() {
            // lib4k.so on 16 KiB pages with the compat mode on (min_align_ == 4096):
            // ReserveAddressSpace: load_size_ = page_end(0x3558) - page_start(0) + kPageSize = 0x8000,
            // mprotect RW. IsEligibleFor16KiBAppCompat: the RELRO (0x2470, memsz 0xb90) starts the
            // first RW PT_LOAD, so the boundary is align_up(0x3000, 4 KiB) = 0x3000.
            // Setup16KiBAppCompat: load_bias_ += perm_boundary_offset(0x3000) = 0x1000, so rw_start
            // = load_start + 0x4000; prctl names the reservation "PATH (compat loaded)".
            // CompatMapSegment preads each PT_LOAD at align_down(p_vaddr, 4 KiB) + 0x1000;
            // phdr_table_protect_gnu_relro_16kib_compat makes [load_start, rw_start) r-x.
            Layout l = lay("bionic+compat", "lib4k.so", P16K);
            assertThat(l.refusal()).isEmpty();
            assertThat(shape(l)).containsExactly(
                    "0-1000 r-x gap anon",
                    "1000-2000 r-x rodata anon",
                    "2000-3000 r-x text anon",
                    "3000-4000 r-x relro anon",
                    "4000-5000 rw- data anon",
                    "5000-8000 rw- gap anon");
            String vma = name("lib4k.so") + " (compat loaded)";
            assertThat(l.mappings()).allMatch(m -> m.note().equals(Optional.of(new RegionNote.CompatLoaded(vma))));
            assertThat(l.notes()).contains(new LayoutNote.CompatLoaded(0x1000, 0x3000, 0x8000, 0x4000));
            // the kernel lists it as two entries: the shape of commit ce1c3cf77's capture
            assertThat(shape(KernelMerge.merge(l.mappings()))).containsExactly("0-4000 r-x gap anon",
                    "4000-8000 rw- data anon");
        }

        @Test
        void withoutRelroTheBoundaryIsTheFirstWritablePage() {
            // IsEligibleFor16KiBAppCompat: no RELRO: align_down(first_rw->p_vaddr 0x4100, 4 KiB) =
            // 0x4000, already a 16 KiB page: no shift. load_size_ = page_end(0x7100) + 0x4000.
            Layout l = lay("bionic+compat", "compat-no-relro.so", P16K);
            assertThat(l.refusal()).isEmpty();
            assertThat(shape(l)).containsExactly(
                    "0-2000 r-x rodata anon",
                    "2000-4000 r-x text anon",
                    "4000-5000 rw- data anon",
                    "5000-8000 rw- bss anon",
                    "8000-c000 rw- gap anon");
        }

        @Test
        void layoutsItCannotLoad() {
            // IsEligibleFor16KiBAppCompat's DL_WARNs, then LoadSegments' DL_ERR("\"%s\" failed to
            // setup 16KiB App Compat")
            for (String[] c : new String[][] {
                    {"compat-two-relro.so", "Multiple RELRO segments found"},
                    {"compat-rw-split.so", "ELF contains multiple non-adjacent RW segments"},
                    {"compat-relro-second.so", "RELRO is not in the first RW segment"}}) {
                Layout l = lay("bionic+compat", c[0], P16K);
                Refusal r = l.refusal().orElseThrow();
                assertThat(r.reason()).as(c[0]).isEqualTo(Refusal.Reason.NOT_COMPAT_LOADABLE);
                assertThat(r.loaderMessage()).contains("\"" + name(c[0]) + "\" failed to setup 16KiB App Compat");
                assertThat(l.notes()).contains(new LayoutNote.LoaderWarns(OptionalInt.empty(),
                        "\"" + name(c[0]) + "\": Compat loading failed: " + c[1]));
            }
        }

        @Test
        void whatTheModeSaysIsItsOwnWarningNotAnEarlierOne() throws IOException {
            // Two PT_GNU_RELRO and a p_align of 0x3000. ElfReader::Read: CheckProgramHeaderAlignment
            // DL_WARNs "\"%s\" has invalid p_align %zx in phdr %zu" (Android 16) and skips 0x3000, so
            // min_align_ is segment 0's 4096 and the mode is asked. Load:
            // IsEligibleFor16KiBAppCompat's HasAtMostOneRelroSegment fails: "Multiple RELRO segments
            // found". check-pages must report that one, not the alignment warning that came first.
            ElfFile elf = Elf.read(new ArrayByteSource("two-relro-3k.so", SyntheticElf.elf64()
                    .load(0, 0, 0x1000, 0x1000, "rx", 0x1000)
                    .load(0x1000, 0x1000, 0x800, 0x800, "rw", 0x3000)
                    .phdr(PT_GNU_RELRO, "r", 0x1000, 0x1000, 0x100, 0x100, 1)
                    .phdr(PT_GNU_RELRO, "r", 0x1100, 0x1100, 0x100, 0x100, 1).bytes()));
            String twoRelro = "\"two-relro-3k.so\": Compat loading failed: Multiple RELRO segments found";
            Layout l = Loaders.named("bionic+compat").layout(elf, P16K);
            assertThat(l.notes()).containsSubsequence(
                    new LayoutNote.LoaderWarns(OptionalInt.of(1), "\"two-relro-3k.so\" has invalid p_align 3000 in phdr 1"),
                    new LayoutNote.LoaderWarns(OptionalInt.empty(), twoRelro));
            assertThat(CompatLoad.of(elf)).contains(new CompatLoad.Refused(twoRelro));
        }

        @Test
        void neverForThirtyTwoBit() throws IOException {
            // ElfReader::Read asks only "if (kPageSize == 16*1024 && min_align_ == 4096)", and a 32-bit
            // linker's kPageSize is page_size() = PAGE_SIZE, which bits/page_size.h defines as 4096
            // for __arm__ and __i386__: the mode is never asked, the 16 KiB check refuses it.
            ElfFile elf32 = Elf.read(new ArrayByteSource("lib4k32.so", SyntheticElf.elf32()
                    .load(0, 0, 0x1000, 0x1000, "rx", 0x1000)
                    .load(0x1000, 0x1000, 0x800, 0x800, "rw", 0x1000).bytes()));
            assertThat(CompatLoad.of(elf32)).isEmpty();
            assertThat(Loaders.named("bionic+compat").layout(elf32, P16K).refusal().map(Refusal::reason))
                    .contains(Refusal.Reason.ALIGN_BELOW_PAGE);
        }

        @Test
        void onlyFromFifteenQpr2AndOnlyAtSixteenKiB() {
            // should_use_16kib_app_compat_ arrived in android15-qpr2-release (commit ce1c3cf77) and
            // is considered only "if (kPageSize == 16*1024 && min_align_ == 4096)"
            assertThat(lay("bionic@15-qpr1+compat", "lib4k.so", P16K).refusal().map(Refusal::reason))
                    .contains(Refusal.Reason.ALIGN_BELOW_PAGE);
            Layout at4k = lay("bionic+compat", "lib4k.so", P4K);
            assertThat(at4k.refusal()).isEmpty();
            assertThat(at4k.mappings()).anyMatch(m -> m.backing() == Backing.FILE);
        }
    }

    @Nested
    class Names {
        @Test
        void releasesAndOptionsAreSpelledInTheLoaderName() {
            assertThat(Loaders.named("bionic").name()).isEqualTo("bionic");
            assertThat(Loaders.named("bionic@16").name()).isEqualTo("bionic");
            assertThat(Loaders.named("bionic@13").name()).isEqualTo("bionic@14");
            assertThat(Loaders.named("bionic@15-qpr2+compat+sdk=25+no-pgsize-migration").name())
                    .isEqualTo("bionic@15-qpr2+compat+sdk=25+no-pgsize-migration");
            assertThatThrownBy(() -> Loaders.named("bionic@11")).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("unknown Android release '11'").hasMessageContaining("14, 15, 15-qpr1");
            assertThatThrownBy(() -> Loaders.named("bionic+fast")).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("unknown bionic option 'fast'");
        }
    }

    static ElfFile renamed(String file, String as) {
        try {
            return Elf.read(new ArrayByteSource(as, Files.readAllBytes(DIR.resolve(file))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
