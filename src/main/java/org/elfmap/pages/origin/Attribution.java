package org.elfmap.pages.origin;

import java.util.List;
import java.util.Optional;

/**
 * Where a failing library came from: the dependency artifacts that hold it ({@code origins},
 * same bytes first), the path from the app to the first one's coordinate in the Gradle report,
 * and the project line that brings it in ({@code declaration}: the coordinate's own, or that of
 * the direct dependency it comes through).
 */
public record Attribution(List<Origin> origins, List<String> dependencyPath,
                          Optional<ProjectDeclarations.Declaration> declaration) {
    public Attribution {
        origins = List.copyOf(origins);
        dependencyPath = List.copyOf(dependencyPath);
    }

    public Optional<Origin> primary() {
        return origins.stream().filter(o -> o.coordinate().isPresent()).findFirst()
                .or(() -> origins.stream().findFirst());
    }

    public Optional<Coordinate> coordinate() {
        return primary().flatMap(Origin::coordinate);
    }

    /** The direct dependency it comes through, when that is not the coordinate itself. */
    public Optional<String> via() {
        return dependencyPath.size() > 1 ? Optional.of(dependencyPath.get(0)) : Optional.empty();
    }
}
