package org.elfmap.output.image;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.deps.Closure;
import org.elfmap.deps.LoadedObject;
import org.elfmap.deps.Need;
import org.elfmap.deps.SearchNote;
import org.elfmap.deps.Skipped;
import org.elfmap.output.Words;

/**
 * A closure as a tree, like {@code lddtree}: each object under the one whose DT_NEEDED first
 * loaded it, with where it was found and why; names already loaded are listed but not expanded;
 * names that could not be loaded say what was searched.
 */
final class DependencyTree {
    private static final String STEP = "    ";

    private DependencyTree() {
    }

    static void print(PrintWriter out, Closure closure) {
        LoadedObject program = closure.program();
        StringBuilder head = new StringBuilder(program.path());
        head.append(" (").append(program.elf().header().machineName()).append(" ELF")
                .append(program.elf().header().elfClass());
        closure.interpreter().ifPresentOrElse(i -> head.append(", interpreter ").append(i.path()),
                () -> program.elf().interpreter().ifPresent(i -> head.append(", interpreter ").append(i).append(" MISSING")));
        head.append(closure.mode() == Closure.Mode.LIBRARY ? ", library: as dlopen and ldd load it" : ", program");
        head.append(closure.rules().equals("static") ? ", static: nothing to load" : ", " + closure.rules() + " search rules");
        closure.glibc().ifPresent(g -> head.append(", $PLATFORM ").append(g.platform()).append(" from ")
                .append(g.cpu().platformSource()));
        head.append(')');
        out.println(head);
        children(out, closure, program, STEP);
        if (!closure.unresolved().isEmpty()) {
            out.println();
            out.println("unresolved:");
            for (Closure.Unresolved u : closure.unresolved()) {
                out.println(STEP + u.name() + " (needed by " + u.neededBy() + "): " + Words.unloadable(u.reason()));
            }
        }
        for (SearchNote n : closure.notes()) {
            out.println("note: " + Words.searchNote(n));
        }
    }

    private static void children(PrintWriter out, Closure closure, LoadedObject parent, String indent) {
        List<String> already = new ArrayList<>();
        for (Need need : parent.needs()) {
            if (need instanceof Need.Loaded l) {
                LoadedObject o = closure.objects().get(l.object());
                skipped(out, l.skipped(), indent);
                if (l.firstLoad()) {
                    out.println(indent + need.name() + " => " + o.path() + "  [" + o.found().describe() + "]");
                    children(out, closure, o, indent + STEP);
                } else {
                    already.add(need.name());
                }
            } else if (need instanceof Need.Refused r) {
                skipped(out, r.skipped(), indent);
                out.println(indent + need.name() + " => " + r.path() + "  REFUSED: " + Words.loadRefusal(r.reason()));
            } else if (need instanceof Need.Missing m) {
                skipped(out, m.skipped(), indent);
                out.println(indent + need.name() + " => NOT FOUND: " + Words.unloadable(m.reason()));
                if (!m.searched().isEmpty()) {
                    out.println(indent + STEP + "searched: " + String.join(", ", m.searched()));
                }
            }
        }
        if (!already.isEmpty()) {
            out.println(indent + "(already loaded: " + String.join(", ", already) + ")");
        }
    }

    private static void skipped(PrintWriter out, List<Skipped> skipped, String indent) {
        for (Skipped s : skipped) {
            out.println(indent + "(skipped " + Words.skipped(s) + ")");
        }
    }
}
