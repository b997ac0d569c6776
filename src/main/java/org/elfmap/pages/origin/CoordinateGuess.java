package org.elfmap.pages.origin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The coordinate a file's place names, from the three layouts dependencies live in:
 * <ul>
 * <li>Gradle's module cache, {@code .../files-2.1/GROUP/ARTIFACT/VERSION/SHA1/FILE} (Gradle
 *     names the directory after the file's SHA-1);
 * <li>an npm package, the nearest {@code node_modules/[@scope/]NAME/package.json} above the file
 *     (its {@code name} and {@code version});
 * <li>a Maven repository, {@code GROUP/PATH/ARTIFACT/VERSION/ARTIFACT-VERSION[-CLASSIFIER].EXT}
 *     below the root the user named.
 * </ul>
 * In that order: a Maven repository inside an npm package (React Native ships one) is the npm
 * package to the app that depends on it.
 */
final class CoordinateGuess {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{1,40}");
    private static final JsonFactory JSON = new JsonFactory();

    private CoordinateGuess() {
    }

    static Optional<Coordinate> of(Path root, Path file) {
        return gradleCache(file).or(() -> npm(root, file)).or(() -> maven(root, file));
    }

    private static Optional<Coordinate> gradleCache(Path file) {
        List<String> parts = names(file.toAbsolutePath().normalize());
        int at = parts.lastIndexOf("files-2.1");
        if (at >= 0 && parts.size() - at == 6 && HASH.matcher(parts.get(at + 4)).matches()) {
            return Optional.of(new Coordinate.Maven(parts.get(at + 1), parts.get(at + 2), parts.get(at + 3)));
        }
        return Optional.empty();
    }

    private static Optional<Coordinate> npm(Path root, Path file) {
        Path top = root.toAbsolutePath().normalize();
        for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null && dir.startsWith(top); dir = dir.getParent()) {
            Path parent = dir.getParent();
            boolean inNodeModules = parent != null && (name(parent).equals("node_modules")
                    || name(parent).startsWith("@") && parent.getParent() != null && name(parent.getParent()).equals("node_modules"));
            Path manifest = dir.resolve("package.json");
            if (inNodeModules && Files.isRegularFile(manifest)) {
                return packageJson(manifest);
            }
        }
        return Optional.empty();
    }

    /** The top-level {@code name} and {@code version} of a {@code package.json}; an unreadable one names nothing. */
    private static Optional<Coordinate> packageJson(Path manifest) {
        String name = null;
        String version = null;
        try (JsonParser p = JSON.createParser(manifest.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && field.equals("name")) {
                    name = p.getText();
                } else if (value == JsonToken.VALUE_STRING && field.equals("version")) {
                    version = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return name == null || version == null ? Optional.empty() : Optional.of(new Coordinate.Npm(name, version));
    }

    private static Optional<Coordinate> maven(Path root, Path file) {
        Path rel = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        List<String> parts = names(rel);
        int n = parts.size();
        if (n < 4) {
            return Optional.empty();
        }
        String version = parts.get(n - 2);
        String artifact = parts.get(n - 3);
        if (!parts.get(n - 1).startsWith(artifact + "-" + version)) {
            return Optional.empty();
        }
        return Optional.of(new Coordinate.Maven(String.join(".", parts.subList(0, n - 3)), artifact, version));
    }

    private static List<String> names(Path p) {
        List<String> out = new ArrayList<>();
        p.forEach(x -> out.add(x.toString()));
        return out;
    }

    private static String name(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString();
    }
}
