package org.elfmap.output.pages;

import java.io.PrintWriter;
import org.elfmap.output.Renderer;
import org.elfmap.output.Sizes;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.WhatIf;
import org.elfmap.output.Words;
import org.elfmap.space.PageSize;

/** {@code check-pages} for people: one line per file (FAIL, warn, ok), its problems and notes, then the tally. */
public final class CheckText implements Renderer<CheckRun> {
    @Override
    public void render(CheckRun run, PrintWriter out) {
        run.forEach(v -> verdict(out, v, run.quiet()));
        CheckRun.Tally t = run.tally();
        out.printf("%d ELF file%s checked at %s pages: %d fail%s%n", t.checked(), t.checked() == 1 ? "" : "s",
                run.page().label(), t.failed(), t.notBinding() > 0 ? ", " + t.notBinding() + " more with problems in"
                        + " 32-bit ABIs (not binding without --all-abis)" : "");
        if (run.linksNotFollowed() > 0) {
            out.printf("%d link%s leading out of the tree not followed (--follow follows links to directories)%n",
                    run.linksNotFollowed(), run.linksNotFollowed() == 1 ? "" : "s");
        }
    }

    private static void verdict(PrintWriter out, FileVerdict v, boolean quiet) {
        if (quiet && !v.fails()) {
            return;
        }
        String status = v.ok() ? "ok  " : v.binding() ? "FAIL" : "warn";
        out.println(status + "  " + org.elfmap.Printable.line(v.path()));
        for (PageProblem p : v.problems()) {
            out.println("      " + p.kind().label() + (p.segment().isPresent() ? " (segment " + p.segment().getAsInt()
                    + ")" : "") + ": " + org.elfmap.Printable.line(p.detail()));
        }
        for (String n : v.notes()) {
            out.println("      note: " + org.elfmap.Printable.line(n));
        }
        for (WhatIf w : v.whatIf()) {
            out.printf("      at %-4s %s: VSZ %s, gaps %s%s%n", new PageSize(w.pageSize()).label(), w.loader(),
                    Sizes.human(w.vszBytes()), Sizes.human(w.gapBytes()),
                    w.refusal().map(r -> ", REFUSED: " + Words.refusal(r)).orElse(""));
        }
    }
}
