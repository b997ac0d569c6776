package org.elfmap.output.pages;

import java.io.PrintWriter;
import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.WhatIf;

/** {@code check-pages --format json}: the contract's shape, each file written as soon as it is checked. */
public final class CheckJson implements Renderer<CheckRun> {
    @Override
    public void render(CheckRun run, PrintWriter out) {
        JsonOutput j = new JsonOutput(out);
        j.startObject().field("pageSize", run.page().bytes()).startArray("files");
        run.forEach(v -> verdict(j, v));
        CheckRun.Tally t = run.tally();
        j.endArray().field("checked", t.checked()).field("failed", t.failed());
        if (run.linksNotFollowed() > 0) {
            j.field("linksNotFollowed", run.linksNotFollowed());
        }
        j.endObject();
        j.close();
        out.println();
    }

    private static void verdict(JsonOutput j, FileVerdict v) {
        j.startObject().field("path", v.path()).field("ok", v.ok());
        if (!v.binding()) {
            j.field("binding", false);
        }
        v.abi().ifPresent(a -> j.field("abi", a));
        j.startArray("problems");
        for (PageProblem p : v.problems()) {
            j.startObject();
            if (p.segment().isPresent()) {
                j.field("segment", p.segment().getAsInt());
            }
            j.field("kind", p.kind().label()).field("detail", p.detail()).endObject();
        }
        j.endArray();
        if (!v.notes().isEmpty()) {
            j.startArray("notes");
            v.notes().forEach(j::value);
            j.endArray();
        }
        if (!v.whatIf().isEmpty()) {
            j.startArray("whatIf");
            for (WhatIf w : v.whatIf()) {
                j.startObject().field("pageSize", w.pageSize()).field("loader", w.loader())
                        .field("vszBytes", w.vszBytes()).field("gapBytes", w.gapBytes());
                w.refusal().ifPresent(r -> j.field("refused", Words.refusal(r)));
                j.endObject();
            }
            j.endArray();
        }
        j.endObject();
    }
}
