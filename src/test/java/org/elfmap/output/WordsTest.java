package org.elfmap.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
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

    /** One instance of each record a sealed interface permits, nested families included, built from defaults. */
    static List<Object> instances(Class<?> sealed) {
        List<Object> out = new ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                out.addAll(instances(c));
            } else if (c.isRecord()) {
                out.add(build(c));
            }
        }
        return out;
    }

    private static Object build(Class<?> c) {
        RecordComponent[] parts = c.getRecordComponents();
        Class<?>[] types = new Class<?>[parts.length];
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            args[i] = DEFAULTS.apply(types[i]);
        }
        try {
            Constructor<?> k = c.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(c + ": " + e, e);
        }
    }

    private static final Function<Class<?>, Object> DEFAULTS = t -> {
        if (t == int.class) {
            return 0;
        }
        if (t == long.class) {
            return 1L;
        }
        if (t == boolean.class) {
            return true;
        }
        if (t == String.class) {
            return "x";
        }
        if (t == Optional.class) {
            return Optional.empty();
        }
        if (t == OptionalInt.class) {
            return OptionalInt.of(1);
        }
        if (t == List.class) {
            return List.of("x");
        }
        if (t == PageSize.class) {
            return P;
        }
        if (t == Prot.class) {
            return Prot.R;
        }
        if (t == Refusal.class) {
            return Refusal.of(Refusal.Reason.NO_DYNAMIC);
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        throw new AssertionError("no default for " + t);
    };
}
