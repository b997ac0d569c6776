package org.elfmap.output.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.junit.jupiter.api.Test;

/**
 * Every check-pages finding has its sentence, and every problem its fix, one line each: a record
 * added to {@link PageProblem} or {@link PageNote} without words would otherwise throw.
 */
class PageTextTest {
    @Test
    void everyProblemHasASentenceAndAFix() throws Exception {
        List<Object> all = samples(PageProblem.class);
        assertThat(all).hasSize(PageProblem.class.getPermittedSubclasses().length);
        for (Object o : all) {
            PageProblem p = (PageProblem) o;
            assertThat(PageText.problem(p)).as(p.toString()).isNotBlank().doesNotContain("\n");
            assertThat(FixAdvice.of(p, Optional.empty())).as(p.toString()).isNotBlank();
        }
    }

    @Test
    void everyNoteHasASentence() throws Exception {
        for (Object o : samples(PageNote.class)) {
            assertThat(PageText.note((PageNote) o)).as(o.toString()).isNotBlank().doesNotContain("\n");
        }
    }

    /** One instance of each record of a sealed family, every component a small plausible value. */
    private static List<Object> samples(Class<?> family) throws Exception {
        List<Object> out = new ArrayList<>();
        for (Class<?> c : family.getPermittedSubclasses()) {
            RecordComponent[] parts = c.getRecordComponents();
            Object[] args = new Object[parts.length];
            for (int i = 0; i < parts.length; i++) {
                args[i] = value(parts[i].getType(), parts[i].getGenericType());
            }
            out.add(c.getDeclaredConstructor(Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new))
                    .newInstance(args));
        }
        return out;
    }

    private static Object value(Class<?> t, Type generic) {
        if (t == int.class) {
            return 3;
        } else if (t == long.class) {
            return 16384L;
        } else if (t == String.class) {
            return "why";
        } else if (t == OptionalInt.class) {
            return OptionalInt.of(2);
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        } else if (t == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return List.of(value((Class<?>) element, element));
        } else if (t == Integer.class) {
            return 1;
        } else if (t == org.elfmap.loader.CompatLoad.class) {
            return new org.elfmap.loader.CompatLoad.Refused("the linker's warning");
        }
        throw new AssertionError("no sample value for " + t);
    }
}
