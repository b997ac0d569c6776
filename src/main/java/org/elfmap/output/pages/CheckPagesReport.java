package org.elfmap.output.pages;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.space.PageSize;

/**
 * What a check-pages run found, for the renderers that need all of it at once (SARIF, JUnit,
 * GitHub): every verdict in the order made, the attribution of failing libraries to
 * dependencies, the directory relative to which file locations are written (the current
 * directory; in CI, the checkout), the run's tally and the paths that could not be checked.
 */
public record CheckPagesReport(PageSize page, List<FileVerdict> verdicts, Map<String, Attribution> attributions,
                               Path base, CheckRun.Tally tally, List<String> inputErrors) {
    public CheckPagesReport {
        verdicts = List.copyOf(verdicts);
        attributions = Map.copyOf(attributions);
        base = base.toAbsolutePath().normalize();
        inputErrors = List.copyOf(inputErrors);
    }

    /** The verdicts of a run where every path named could be checked, counted. */
    public CheckPagesReport(PageSize page, List<FileVerdict> verdicts, Map<String, Attribution> attributions, Path base) {
        this(page, verdicts, attributions, base, CheckRun.Tally.of(verdicts), List.of());
    }

    /** Every verdict of {@code run}, made now, with its attribution; locations relative to the current directory. */
    public static CheckPagesReport of(CheckRun run) {
        List<FileVerdict> all = new java.util.ArrayList<>();
        java.util.Map<String, Attribution> attributions = new java.util.LinkedHashMap<>();
        run.forEach(v -> {
            all.add(v);
            run.attribution(v).ifPresent(a -> attributions.put(v.path(), a));
        });
        return new CheckPagesReport(run.page(), all, attributions, Path.of(""), run.tally(), run.inputErrors());
    }

    public Optional<Attribution> attribution(FileVerdict v) {
        return Optional.ofNullable(attributions.get(v.path()));
    }

    /**
     * Where to point an annotation for {@code v}: the project line that brings its dependency in,
     * else the archive holding it, else the file; relative to {@link #base()} when inside it.
     */
    public Location location(FileVerdict v) {
        Optional<Attribution> a = attribution(v);
        if (a.isPresent() && a.get().declaration().isPresent()) {
            var d = a.get().declaration().get();
            return new Location(relative(d.file()), Optional.of(d.line()));
        }
        return new Location(relative(Path.of(v.container())), Optional.empty());
    }

    /** A file to annotate, with {@code /} separators, relative to the base when it lies inside. */
    public record Location(String file, Optional<Integer> line) {
    }

    private String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path shown = abs.startsWith(base) ? base.relativize(abs) : abs;
        return shown.toString().replace(java.io.File.separatorChar, '/');
    }
}
