package org.elfmap.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elfmap.compare.CompareNote;
import org.elfmap.deps.PredictNote;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.explain.ExplainNote;
import org.elfmap.loader.LayoutNote;
import org.elfmap.maps.ReadNote;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Perms;
import org.elfmap.space.Prediction;
import org.elfmap.space.Prot;
import org.elfmap.space.Refusal;
import org.elfmap.space.Region;
import org.elfmap.space.RegionNote;
import org.elfmap.testkit.RecordSamples;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Test;

/**
 * Every finding the domain can produce has its own sentence: a record added to a sealed family
 * without words here would otherwise reach users as its bare code.
 */
class WordsTest {
    private static final PageSize P = PageSize.P4K;

    @Test
    void everyLayoutNoteHasASentence() throws Exception {
        ElfFile elf = twoSegments();
        for (Object n : instances(LayoutNote.class)) {
            assertThat(Words.layoutNote((LayoutNote) n, elf, P)).as(n.toString()).isNotEqualTo(Words.code(n));
        }
    }

    @Test
    void everyRegionNoteHasASentence() {
        for (Object n : instances(RegionNote.class)) {
            Region r = new Region(0, 0x1000, Perms.privateOf(Prot.R), OptionalLong.empty(), Kind.GAP, OptionalInt.empty(),
                    Backing.FILE, Optional.empty(), Optional.of((RegionNote) n));
            assertThat(Words.regionWithCost(r, P)).as(n.toString()).doesNotStartWith(Words.code(n)).contains("of VSZ");
        }
    }

    @Test
    void everyImageAndCompareNoteHasASentence() {
        for (Class<?> family : List.of(ExplainNote.class, PredictNote.class, ReadNote.class)) {
            for (Object n : instances(family)) {
                assertThat(Words.imageNote((org.elfmap.space.ImageNote) n)).as(n.toString()).isNotEqualTo(Words.code(n));
            }
        }
        for (Object n : instances(CompareNote.class)) {
            assertThat(Words.compareNote((CompareNote) n)).as(n.toString()).isNotEqualTo(Words.code(n));
        }
    }

    @Test
    void everyUnavailableReasonAndRefusalHasASentence() throws Exception {
        for (Object n : instances(Prediction.Unavailable.class)) {
            assertThat(Words.unavailable((Prediction.Unavailable) n)).as(n.toString()).isNotEqualTo(Words.code(n));
        }
        ElfFile elf = twoSegments();
        for (Refusal.Reason reason : Refusal.Reason.values()) {
            Refusal r = Refusal.of(reason, 1).saying("the loader's words");
            assertThat(Words.refusal(r, elf, P)).contains("\"the loader's words\"").isNotBlank();
        }
    }

    @Test
    void codesAreKebabCase() {
        assertThat(Words.code(new LayoutNote.NotCongruent(1))).isEqualTo("not-congruent");
        assertThat(Words.reasonLabel(Refusal.Reason.ALIGN_BELOW_PAGE)).isEqualTo("align-below-page");
    }

    private static ElfFile twoSegments() throws Exception {
        return Elf.read(new ArrayByteSource("two.so", SyntheticElf.elf64()
                .load(0, 0, 0x1000, 0x1000, "rx", 0x1000)
                .load(0x1000, 0x1000, 0x100, 0x800, "rw", 0x1000)
                .bytes()));
    }

    private static List<Object> instances(Class<?> sealed) {
        return RecordSamples.instances(sealed);
    }
}
