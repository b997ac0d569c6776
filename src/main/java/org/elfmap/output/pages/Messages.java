package org.elfmap.output.pages;

import java.util.Optional;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.pages.origin.Origin;

/** One problem of one library as a self-contained message: which library, what is wrong (values), where it came from, the fix. */
final class Messages {
    private Messages() {
    }

    static String problem(FileVerdict v, PageProblem p, Optional<Attribution> a) {
        StringBuilder b = new StringBuilder();
        b.append(v.path()).append(": ").append(p.kind().label()).append(": ").append(PageText.problem(p)).append('.');
        a.ifPresent(x -> b.append(' ').append(origin(x)).append('.'));
        if (!v.binding()) {
            b.append(" Not binding: ").append(PageText.notBinding(v)).append('.');
        }
        b.append(" Fix: ").append(FixAdvice.of(p, a)).append('.');
        return b.toString();
    }

    /** "From com.example:pdfium:1.2.0 (same bytes in .../pdfium-1.2.0.aar!/jni/arm64-v8a/libpdfium.so), app -> a -> b" */
    static String origin(Attribution a) {
        StringBuilder b = new StringBuilder("From ");
        Optional<Origin> o = a.primary();
        b.append(a.coordinate().map(c -> c.display()).orElse("a dependency"));
        o.ifPresent(x -> b.append(" (").append(x.match() == Origin.Match.SHA256 ? "same bytes" : "same GNU build ID")
                .append(" in ").append(x.location()).append(')'));
        if (!a.dependencyPath().isEmpty()) {
            b.append(", app -> ").append(String.join(" -> ", a.dependencyPath()));
        }
        return b.toString();
    }
}
