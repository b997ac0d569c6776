package org.elfmap.output.checkpages;

import java.io.PrintWriter;
import java.util.Optional;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.origin.Attribution;

/**
 * check-pages for people at a terminal, one verdict at a time as it is made: {@code ok}, {@code FAIL}
 * or {@code warn} (problems the rule does not bind) and the path, then each problem with its fix
 * and each note, and where it came from when the dependencies were searched.
 */
public final class TextRenderer {
    private final PrintWriter out;
    private final boolean quiet;

    public TextRenderer(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    /** Prints {@code v}; false when {@code --quiet} leaves it out. */
    public boolean verdict(FileVerdict v, Optional<Attribution> a) {
        if (quiet && !v.fails()) {
            return false;
        }
        String status = v.ok() ? "ok  " : v.binding() ? "FAIL" : "warn";
        out.println(status + "  " + v.path());
        for (PageProblem p : v.problems()) {
            out.println("      " + p.kind().label() + (p.segment().isPresent() ? " (segment " + p.segment().getAsInt() + ")" : "")
                    + ": " + PageText.problem(p));
            out.println("        fix: " + FixAdvice.of(p, a));
        }
        a.ifPresent(x -> {
            out.println("      " + Messages.origin(x));
            x.declaration().ifPresent(d -> out.println("      declared at " + d.file() + ":" + d.line() + ": " + d.text()));
        });
        for (PageNote n : v.notes()) {
            out.println("      note: " + PageText.note(n));
        }
        return true;
    }

    public void summary(long checked, long failed, long notBinding, long pageSize) {
        out.println(TextSummary.line(checked, failed, notBinding, pageSize));
    }
}
