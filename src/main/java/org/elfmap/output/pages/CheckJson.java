package org.elfmap.output.pages;

import java.io.PrintWriter;
import java.util.Optional;
import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.WhatIf;
import org.elfmap.pages.origin.Attribution;

/**
 * {@code check-pages --format json}: the contract's shape, each file written as soon as it is
 * checked. Each problem has its {@code kind}, {@code detail} and {@code fix}; a library found
 * among the dependencies has a {@code dependency} object.
 */
public final class CheckJson implements Renderer<CheckRun> {
    @Override
    public void render(CheckRun run, PrintWriter out) {
        JsonOutput j = new JsonOutput(out);
        j.startObject().field("pageSize", run.page().bytes()).startArray("files");
        run.forEach(v -> verdict(j, v, run.attribution(v)));
        CheckRun.Tally t = run.tally();
        j.endArray().field("checked", t.checked()).field("failed", t.failed());
        if (run.linksNotFollowed() > 0) {
            j.field("linksNotFollowed", run.linksNotFollowed());
        }
        if (!run.inputErrors().isEmpty()) {
            j.startArray("notChecked");
            run.inputErrors().forEach(j::value);
            j.endArray();
        }
        j.endObject();
        j.close();
        out.println();
    }

    private static void verdict(JsonOutput j, FileVerdict v, Optional<Attribution> a) {
        j.startObject().field("path", v.path()).field("ok", v.ok());
        if (!v.binding()) {
            j.field("binding", false);
        }
        v.abi().ifPresent(abi -> j.field("abi", abi));
        j.startArray("problems");
        for (PageProblem p : v.problems()) {
            j.startObject();
            if (p.segment().isPresent()) {
                j.field("segment", p.segment().getAsInt());
            }
            j.field("kind", p.kind().label()).field("detail", PageText.problem(p)).field("fix", FixAdvice.of(p, a))
                    .endObject();
        }
        j.endArray();
        if (!v.notes().isEmpty()) {
            j.startArray("notes");
            for (PageNote n : v.notes()) {
                j.value(PageText.note(n));
            }
            j.endArray();
        }
        a.ifPresent(x -> dependency(j, x));
        if (!v.whatIf().isEmpty()) {
            j.startArray("whatIf");
            for (WhatIf w : v.whatIf()) {
                j.startObject().field("pageSize", w.pageSize().bytes()).field("loader", w.loader())
                        .field("vszBytes", w.vszBytes()).field("gapBytes", w.gapBytes());
                w.refusal().ifPresent(r -> j.field("refused", Words.refusal(r)));
                j.endObject();
            }
            j.endArray();
        }
        j.endObject();
    }

    private static void dependency(JsonOutput j, Attribution a) {
        j.startObject("dependency");
        a.coordinate().ifPresent(c -> j.field("coordinate", c.display()));
        a.primary().ifPresent(o -> j.field("foundIn", o.location()).field("match", o.match().label()));
        if (!a.dependencyPath().isEmpty()) {
            j.startArray("path");
            a.dependencyPath().forEach(j::value);
            j.endArray();
        }
        a.declaration().ifPresent(d -> j.startObject("declaration").field("file", d.file().toString())
                .field("line", d.line()).endObject());
        j.endObject();
    }
}
