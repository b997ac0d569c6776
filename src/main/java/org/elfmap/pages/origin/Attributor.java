package org.elfmap.pages.origin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.LibraryIdentity;

/**
 * Puts the three sources together for each library with problems: {@link DependencyIndex} (which
 * artifact holds its bytes), {@link GradleDependencyReport} (how the app reaches that artifact)
 * and {@link ProjectDeclarations} (the line to change).
 */
public final class Attributor {
    private static final Pattern MODULE = Pattern.compile("^([^:\\s]+):([^:\\s]+):([^\\s]+)$");

    private final List<Path> deps;
    private final Optional<GradleDependencyReport> report;
    private final Optional<ProjectDeclarations> project;

    public Attributor(List<Path> deps, Optional<GradleDependencyReport> report, Optional<ProjectDeclarations> project) {
        this.deps = List.copyOf(deps);
        this.report = report;
        this.project = project;
    }

    /** By verdict path, for every verdict with problems and an identity; libraries found nowhere get none. */
    public Map<String, Attribution> attribute(List<FileVerdict> verdicts) throws IOException {
        List<LibraryIdentity> wanted = verdicts.stream().filter(v -> !v.ok()).flatMap(v -> v.identity().stream())
                .distinct().toList();
        Map<LibraryIdentity, List<Origin>> origins = DependencyIndex.find(deps, wanted);
        Map<String, Attribution> out = new LinkedHashMap<>();
        for (FileVerdict v : verdicts) {
            if (v.ok() || v.identity().isEmpty()) {
                continue;
            }
            List<Origin> found = origins.getOrDefault(v.identity().get(), List.of());
            if (!found.isEmpty()) {
                out.put(v.path(), attribution(found));
            }
        }
        return out;
    }

    private Attribution attribution(List<Origin> found) {
        Attribution bare = new Attribution(found, List.of(), Optional.empty());
        Optional<Coordinate> c = bare.coordinate();
        if (c.isEmpty()) {
            return bare;
        }
        List<String> path = c.get() instanceof Coordinate.Maven
                ? report.flatMap(r -> r.pathTo(c.get().module())).orElse(List.of()) : List.of();
        // the line to change is the direct dependency's: the top of the path, when it is a module
        Coordinate declared = path.isEmpty() ? c.get() : module(path.get(0)).orElse(c.get());
        Optional<ProjectDeclarations.Declaration> line = project.flatMap(p -> p.find(declared)
                .or(() -> p.find(c.get())));
        return new Attribution(found, new ArrayList<>(path), line);
    }

    private static Optional<Coordinate> module(String label) {
        Matcher m = MODULE.matcher(label);
        return m.matches() ? Optional.of(new Coordinate.Maven(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }
}
