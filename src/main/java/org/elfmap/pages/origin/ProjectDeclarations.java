package org.elfmap.pages.origin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.elfmap.BadInputException;

/**
 * Where a project declares a dependency, to point a CI annotation at the line to change: a
 * version catalog ({@code gradle/*.versions.toml}, {@code [libraries]}: {@code module = "g:a"},
 * {@code group = "g", name = "a"} or {@code "g:a:v"}), a build script ({@code build.gradle},
 * {@code build.gradle.kts}: {@code "g:a:v"}, or {@code group: 'g', name: 'a'}), or
 * {@code package.json} ({@code "name": "version"}) for an npm package. Build outputs,
 * {@code node_modules} and tool directories are not searched.
 */
public final class ProjectDeclarations {
    private static final Set<String> SKIP = Set.of("build", "node_modules", ".gradle", ".git", ".idea", ".cxx");

    /** One line of one file; {@code line} counts from 1. */
    public record Declaration(Path file, int line, String text) {
    }

    private record Source(Path file, List<String> lines) {
    }

    private final Path root;
    private final List<Source> catalogs = new ArrayList<>();
    private final List<Source> scripts = new ArrayList<>();
    private final List<Source> packages = new ArrayList<>();

    private ProjectDeclarations(Path root) {
        this.root = root;
    }

    public static ProjectDeclarations scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root.toString(), "--project needs the project's directory");
        }
        ProjectDeclarations p = new ProjectDeclarations(root);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && SKIP.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString();
                    if (n.endsWith(".versions.toml")) {
                        p.catalogs.add(read(file));
                    } else if (n.equals("build.gradle") || n.equals("build.gradle.kts")) {
                        p.scripts.add(read(file));
                    } else if (n.equals("package.json")) {
                        p.packages.add(read(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(root.toString(), "cannot read the project: " + e.getMessage());
        }
        for (List<Source> l : List.of(p.catalogs, p.scripts, p.packages)) {
            l.sort(java.util.Comparator.comparing(s -> s.file().toString()));
        }
        return p;
    }

    private static Source read(Path file) {
        try {
            return new Source(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Source(file, List.of()); // not UTF-8 or unreadable: nothing declared there
        }
    }

    public Path root() {
        return root;
    }

    /**
     * The line that declares {@code coordinate}'s module: in a version catalog first (where its
     * version is), else in a build script; for an npm package, in {@code package.json}.
     */
    public Optional<Declaration> find(Coordinate coordinate) {
        if (coordinate instanceof Coordinate.Npm npm) {
            Pattern key = Pattern.compile("^\\s*\"" + Pattern.quote(npm.name()) + "\"\\s*:");
            return first(packages, key);
        }
        Coordinate.Maven m = (Coordinate.Maven) coordinate;
        String ga = Pattern.quote(m.group() + ":" + m.artifact());
        Pattern catalog = Pattern.compile("(module\\s*=\\s*\"" + ga + "\")|(\"" + ga + ":)|(group\\s*=\\s*\""
                + Pattern.quote(m.group()) + "\"\\s*,\\s*name\\s*=\\s*\"" + Pattern.quote(m.artifact()) + "\")");
        Pattern script = Pattern.compile("([\"']" + ga + "(:|[\"']))|(group\\s*[:=]\\s*[\"']" + Pattern.quote(m.group())
                + "[\"']\\s*,\\s*name\\s*[:=]\\s*[\"']" + Pattern.quote(m.artifact()) + "[\"'])");
        return first(catalogs, catalog).or(() -> first(scripts, script));
    }

    private static Optional<Declaration> first(List<Source> sources, Pattern p) {
        for (Source s : sources) {
            for (int i = 0; i < s.lines().size(); i++) {
                String line = s.lines().get(i);
                if (!line.stripLeading().startsWith("//") && !line.stripLeading().startsWith("#") && p.matcher(line).find()) {
                    return Optional.of(new Declaration(s.file(), i + 1, line.strip()));
                }
            }
        }
        return Optional.empty();
    }
}
