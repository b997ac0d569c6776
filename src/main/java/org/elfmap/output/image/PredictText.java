package org.elfmap.output.image;

import org.elfmap.output.Table;
import org.elfmap.output.Sizes;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.elfmap.deps.PredictNote;
import org.elfmap.deps.ProgramPrediction;
import org.elfmap.space.KindTotal;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Kind;

/** {@code predict}'s table: VSZ of each object of the closure, by kind, in KiB as ps counts VSZ. */
public final class PredictText implements Renderer<PredictView> {
    @Override
    public void render(PredictView view, PrintWriter out) {
        DependencyTree.print(out, view.prediction().closure());
        if (!view.treeOnly()) {
            out.println();
            print(out, view.prediction());
        }
    }

    static void print(PrintWriter out, ProgramPrediction p) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        p.image().objects().forEach(o -> kinds.addAll(o.byKind().keySet()));
        String[] headers = new String[3 + kinds.size()];
        headers[0] = "OBJECT"; // upper case, as every other table's headers
        headers[1] = "LOADER";
        headers[2] = "VSZ KiB";
        int c = 3;
        for (Kind k : kinds) {
            headers[c++] = k.label().toUpperCase(java.util.Locale.ROOT);
        }
        Table t = new Table(headers);
        for (int i = 2; i < headers.length; i++) {
            t.right(i);
        }
        for (int i = 0; i < p.layouts().size(); i++) {
            ObjectImage o = p.image().objects().get(i);
            t.row(row(o.path(), p.layouts().get(i).layout().loader(), o.vszBytes(), o.byKind(), kinds));
        }
        t.row(row("total (ELF objects)", "", p.image().vszBytes(), p.image().byKind(), kinds));
        t.print(out, "");
        out.println("VSZ " + Sizes.kib(p.image().vszBytes()) + " KiB (" + Sizes.human(p.image().vszBytes()) + ") in "
                + p.image().objects().size() + " objects at " + p.layouts().get(0).layout().pageSize().label()
                + " pages; gap " + Sizes.human(p.image().byKind().getOrDefault(Kind.GAP, KindTotal.ZERO).vszBytes()));
        out.println("note: " + Words.imageNote(new PredictNote.NotPredicted()));
    }

    private static Object[] row(String name, String loader, long vsz, Map<Kind, KindTotal> byKind, Set<Kind> kinds) {
        Object[] r = new Object[3 + kinds.size()];
        r[0] = name;
        r[1] = loader;
        r[2] = Sizes.kib(vsz);
        int c = 3;
        for (Kind k : kinds) {
            KindTotal kt = byKind.get(k);
            r[c++] = kt == null ? "-" : Sizes.kib(kt.vszBytes());
        }
        return r;
    }
}
