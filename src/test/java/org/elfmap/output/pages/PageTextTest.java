package org.elfmap.output.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.elfmap.testkit.RecordSamples;
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
    void everyReadFailureHasASentence() {
        for (Object o : samples(org.elfmap.pages.ReadFailure.class)) {
            assertThat(PageText.readFailure((org.elfmap.pages.ReadFailure) o)).as(o.toString()).isNotBlank()
                    .doesNotContain("\n");
        }
    }

    @Test
    void everyNoteHasASentence() throws Exception {
        for (Object o : samples(PageNote.class)) {
            assertThat(PageText.note((PageNote) o)).as(o.toString()).isNotBlank().doesNotContain("\n");
        }
    }

    private static List<Object> samples(Class<?> family) {
        return RecordSamples.instances(family);
    }
}
