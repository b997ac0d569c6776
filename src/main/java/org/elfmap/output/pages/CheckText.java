package org.elfmap.output.pages;

import java.io.PrintWriter;
import java.util.Optional;
import org.elfmap.Printable;
import org.elfmap.output.Renderer;
import org.elfmap.output.Sizes;
import org.elfmap.output.Words;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.WhatIf;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.space.PageSize;

/**
 * {@code check-pages} for people, one verdict at a time as it is made: {@code ok}, {@code FAIL} or
 * {@code warn} (problems the rule does not bind) and the path, then each problem with its fix,
 * where the library came from, each note, the what-if images; then the tally.
 */
public final class CheckText implements Renderer<CheckRun> {
    @Override
    public void render(CheckRun run, PrintWriter out) {
        run.forEach(v -> verdict(out, v, run.attribution(v), run.quiet()));
        out.println(TextSummary.line(run.tally(), run.page(), run.inputErrors()));
        if (run.linksNotFollowed() > 0) {
            out.println(run.linksNotFollowed() + " link" + (run.linksNotFollowed() == 1 ? "" : "s")
                    + " leading out of the tree not followed (--follow follows links to directories)");
        }
    }

    private static void verdict(PrintWriter out, FileVerdict v, Optional<Attribution> a, boolean quiet) {
        if (quiet && !v.fails()) {
            return;
        }
        String status = v.ok() ? "ok  " : v.binding() ? "FAIL" : "warn";
        out.println(status + "  " + Printable.line(v.path()));
        for (PageProblem p : v.problems()) {
            out.println("      " + p.kind().label() + (p.segment().isPresent() ? " (segment " + p.segment().getAsInt()
                    + ")" : "") + ": " + Printable.line(PageText.problem(p)));
            out.println("        fix: " + FixAdvice.of(p, a));
        }
        a.ifPresent(x -> {
            out.println("      " + Printable.line(Messages.origin(x)));
            x.declaration().ifPresent(d -> out.println("      declared at " + Printable.line(d.file() + ":" + d.line()
                    + ": " + d.text())));
        });
        for (PageNote n : v.notes()) {
            out.println("      note: " + Printable.line(PageText.note(n)));
        }
        for (WhatIf w : v.whatIf()) {
            String label = w.pageSize().label();
            out.println("      at " + label + " ".repeat(Math.max(0, 4 - label.length())) + " " + w.loader() + ": VSZ "
                    + Sizes.human(w.vszBytes()) + ", gaps " + Sizes.human(w.gapBytes())
                    + w.refusal().map(r -> ", REFUSED: " + Words.refusal(r)).orElse(""));
        }
    }
}
