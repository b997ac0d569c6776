package org.elfmap.pages;

import org.elfmap.testkit.Checkers;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.elfmap.space.PageSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The RELRO and alignment cases one by one (fixtures/arm64/craft.py and the linker matrix), each
 * with the verdict elfmap gives at 16 KiB and, from the same bytes, the one {@link AndroidOracle}
 * transcribes from AOSP {@code elf_policy.cpp}: the table documents the rules, the oracle keeps it
 * honest.
 */
class AndroidRulesTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/arm64");

    static Stream<Arguments> cases() {
        return Stream.of(
                // RELRO is GNU ld's prefix of the RW LOAD, ending on the 16 KiB page
                Arguments.of("linkers/ld-gnu-max16k-common16k.so", List.of()),
                // lld 14's RELRO is its own LOAD; p_memsz runs to 0x9000, past the LOAD, off the page:
                // it passes because it holds the same sections as the LOAD (RelroIsEntireLoadSegment)
                Arguments.of("linkers/ld-lld-max16k-common4k.so", List.of()),
                Arguments.of("crafted/relro-whole-phdr.so", List.of()),
                // a suffix: starts on the page, ends where the LOAD ends (0x8004, off the page)
                Arguments.of("crafted/relro-suffix.so", List.of()),
                Arguments.of("crafted/relro-suffix-unaligned.so", List.of(ProblemKind.RELRO_START)),
                Arguments.of("crafted/relro-prefix-unaligned-end.so", List.of(ProblemKind.RELRO_END)),
                Arguments.of("crafted/relro-middle.so", List.of(ProblemKind.RELRO_START, ProblemKind.RELRO_END)),
                Arguments.of("crafted/relro-middle-aligned.so", List.of()),
                Arguments.of("crafted/relro-memsz0.so", List.of(ProblemKind.RELRO_END)),
                Arguments.of("crafted/relro-outside.so", List.of()),
                Arguments.of("crafted/relro-no-section-headers.so", List.of()),
                Arguments.of("crafted/relro-shared-page.so", List.of()),
                Arguments.of("crafted/relro-two.so", List.of(ProblemKind.RELRO_END)),
                Arguments.of("crafted/align-not-power-of-two.so", List.of()),
                Arguments.of("crafted/align-zero.so", List.of(ProblemKind.ALIGN)),
                Arguments.of("crafted/congruence.so", List.of(ProblemKind.CONGRUENCE)),
                Arguments.of("linkers/ld-lld-max4k-common4k.so", List.of(ProblemKind.ALIGN)),
                Arguments.of("linkers/ld-gnu-max4k-common4k.so", List.of(ProblemKind.ALIGN, ProblemKind.RELRO_END)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void verdictAt16k(String file, List<ProblemKind> expected) throws Exception {
        FileVerdict v = verdict(DIR.resolve(file), PageSize.P16K);
        assertThat(v.problems()).extracting(PageProblem::kind).containsExactlyElementsOf(expected);
        boolean policyFails = expected.stream().anyMatch(k -> k != ProblemKind.CONGRUENCE);
        assertThat(AndroidOracle.elfpolicy(Files.readAllBytes(DIR.resolve(file)), 16384).passes())
                .as("elfpolicy on " + file).isEqualTo(!policyFails);
    }

    static FileVerdict verdict(Path file, PageSize page) throws Exception {
        List<FileVerdict> out = new ArrayList<>();
        Checkers.checker(new CheckOptions(page, false, List.of(), Optional.empty()), out::add).check(file);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    /**
     * The old rule failed every RELRO whose end was off the page, and counted "the last
     * {@code end % P} bytes" as left writable even when RELRO is shorter than that. Now the counts
     * are what the loaders do: glibc leaves [rd(end), end) ∩ RELRO writable (all 0x40 bytes here),
     * bionic makes [end, page_end(end)) ∩ the RW LOAD (0x7f00..0x8004 → 0x100 bytes) read-only.
     */
    @Test
    void relroEndCountsWhatEachLoaderDoes() throws Exception {
        FileVerdict v = verdict(DIR.resolve("crafted/relro-prefix-unaligned-end.so"), PageSize.P16K);
        PageProblem.RelroEnd end = (PageProblem.RelroEnd) v.problems().get(0);
        assertThat(end.end()).isEqualTo(0x7f00);
        assertThat(end.loadEnd()).isEqualTo(0x8004);
        assertThat(end.writableTail()).isEqualTo(0x40);
        assertThat(end.readOnlyAfter()).isEqualTo(0x100);
    }

    @Test
    void everyRelroIsCheckedNotOnlyTheFirst() throws Exception {
        FileVerdict v = verdict(DIR.resolve("crafted/relro-two.so"), PageSize.P16K);
        assertThat(v.problems()).singleElement().extracting(p -> p.segment().getAsInt()).isEqualTo(7);
    }

    @Test
    void whereTheRulesPassButBionicWouldBreakTheLibraryANoteSaysSo() throws Exception {
        FileVerdict shared = verdict(DIR.resolve("crafted/relro-shared-page.so"), PageSize.P16K);
        assertThat(shared.ok()).isTrue();
        assertThat(shared.notes()).filteredOn(PageNote.RelroRounding.class::isInstance).singleElement()
                .isEqualTo(new PageNote.RelroRounding(6, 0, 4, PageSize.P16K));
        FileVerdict noShdrs = verdict(DIR.resolve("crafted/relro-no-section-headers.so"), PageSize.P16K);
        assertThat(noShdrs.notes()).contains(new PageNote.RelroWholeWithoutSections(6));
        FileVerdict outside = verdict(DIR.resolve("crafted/relro-outside.so"), PageSize.P16K);
        assertThat(outside.notes()).contains(new PageNote.RelroOutsideLoads(6),
                new PageNote.StudioDiffers(List.of(ProblemKind.RELRO_END)));
    }

    @Test
    void aLoose32BitFileIsReportedNotFailed() throws Exception {
        FileVerdict v = verdict(DIR.resolve("armv7-4k.so"), PageSize.P16K);
        assertThat(v.ok()).isFalse();
        assertThat(v.binding()).isFalse();
        assertThat(v.fails()).isFalse();
        assertThat(v.notes()).contains(new PageNote.ThirtyTwoBitElf());
        assertThat(AndroidOracle.elfpolicy(Files.readAllBytes(DIR.resolve("armv7-4k.so")), 16384).passes()).isTrue();
        List<FileVerdict> all = new ArrayList<>();
        Checkers.checker(new CheckOptions(PageSize.P16K, true, List.of(), Optional.empty()), all::add)
                .check(DIR.resolve("armv7-4k.so"));
        assertThat(all.get(0).fails()).isTrue();
    }
}
