package org.elfmap.pages.origin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.BadInputException;

/**
 * What {@code gradle dependencies} prints, read back as trees: one per configuration, each line
 * {@code +--- } or {@code \--- } after five columns per level ({@code |    } or five spaces), a
 * dependency written {@code group:artifact:version}, {@code group:artifact:requested -> selected}
 * or {@code project :name}, perhaps followed by {@code (*)} (a subtree printed before), {@code (c)}
 * (a constraint, not a dependency) or {@code (n)} (not resolved). The annotations are Gradle's
 * (docs.gradle.org, "Viewing and debugging dependencies").
 */
public final class GradleDependencyReport {
    private static final Pattern CONFIGURATION = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)(?: - .*)?$");
    private static final Pattern BRANCH = Pattern.compile("^((?:[|\\\\+ ] {4})*)[+\\\\]--- (.*)$");
    private static final Pattern MODULE = Pattern.compile(
            "^([^:\\s]+):([^:\\s]+)(?::([^\\s]+))?(?: -> ([^\\s]+))?(.*)$");

    /** One line of a tree: what it names, the version Gradle chose, and the lines under it. */
    record Node(String label, Optional<String> module, Optional<String> version, boolean repeated, boolean constraint,
                List<Node> children) {
    }

    private final Map<String, List<Node>> configurations;

    private GradleDependencyReport(Map<String, List<Node>> configurations) {
        this.configurations = configurations;
    }

    public static GradleDependencyReport read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the dependency report: " + e.getMessage());
        }
    }

    public static GradleDependencyReport parse(List<String> lines) {
        Map<String, List<Node>> configurations = new java.util.LinkedHashMap<>();
        String current = null;
        List<Node> stack = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.stripTrailing();
            Matcher b = BRANCH.matcher(line);
            if (b.matches() && current != null) {
                int depth = b.group(1).length() / 5;
                Node n = node(b.group(2));
                while (stack.size() > depth) {
                    stack.remove(stack.size() - 1);
                }
                if (depth == 0) {
                    configurations.get(current).add(n);
                } else if (stack.size() == depth) {
                    stack.get(depth - 1).children().add(n);
                } else {
                    continue; // a branch deeper than its parent: not a report line
                }
                stack.add(n);
                continue;
            }
            Matcher c = CONFIGURATION.matcher(line);
            if (c.matches()) {
                current = c.group(1);
                configurations.put(current, new ArrayList<>());
                stack.clear();
            }
        }
        configurations.values().removeIf(List::isEmpty);
        if (configurations.isEmpty()) {
            throw new BadInputException("--dependency-tree", "no dependency tree in it (expected the output of"
                    + " 'gradle :app:dependencies': lines like '+--- group:artifact:version')");
        }
        return new GradleDependencyReport(configurations);
    }

    private static Node node(String text) {
        boolean repeated = text.contains("(*)");
        boolean constraint = text.endsWith("(c)");
        if (text.startsWith("project ")) {
            String name = text.substring("project ".length()).replace(" (*)", "").replace(" (n)", "").trim();
            return new Node("project " + name, Optional.empty(), Optional.empty(), repeated, constraint, new ArrayList<>());
        }
        Matcher m = MODULE.matcher(text);
        if (!m.matches()) {
            return new Node(text, Optional.empty(), Optional.empty(), repeated, constraint, new ArrayList<>());
        }
        String module = m.group(1) + ":" + m.group(2);
        Optional<String> version = Optional.ofNullable(m.group(4)).or(() -> Optional.ofNullable(m.group(3)));
        return new Node(module + version.map(v -> ":" + v).orElse(""), Optional.of(module), version, repeated,
                constraint, new ArrayList<>());
    }

    /** The configurations read, in report order. */
    public List<String> configurations() {
        return List.copyOf(configurations.keySet());
    }

    /**
     * The path from the app to {@code module} ({@code group:artifact}): the labels from a top-level
     * dependency down to it, in the first runtime classpath that has it (release before others),
     * else in any configuration. Subtrees elided as {@code (*)} are searched where they were
     * printed; constraints are not dependencies and are skipped.
     */
    public Optional<List<String>> pathTo(String module) {
        List<String> order = new ArrayList<>();
        configurations.keySet().stream().filter(n -> n.toLowerCase().contains("release") && n.endsWith("RuntimeClasspath"))
                .forEach(order::add);
        configurations.keySet().stream().filter(n -> n.endsWith("untimeClasspath") && !order.contains(n)).forEach(order::add);
        configurations.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        for (String name : order) {
            List<Node> roots = configurations.get(name);
            Map<String, Node> firstPrinted = new HashMap<>();
            index(roots, firstPrinted);
            List<String> path = new ArrayList<>();
            if (search(roots, module, firstPrinted, path, new HashSet<>())) {
                return Optional.of(List.copyOf(path));
            }
        }
        return Optional.empty();
    }

    private static void index(List<Node> nodes, Map<String, Node> firstPrinted) {
        for (Node n : nodes) {
            if (!n.repeated() && !n.children().isEmpty()) {
                firstPrinted.putIfAbsent(n.label(), n);
            }
            index(n.children(), firstPrinted);
        }
    }

    private static boolean search(List<Node> nodes, String module, Map<String, Node> firstPrinted, List<String> path,
                                  Set<String> visiting) {
        for (Node n : nodes) {
            if (n.constraint()) {
                continue;
            }
            path.add(n.label());
            if (n.module().filter(module::equals).isPresent()) {
                return true;
            }
            List<Node> children = n.repeated() && firstPrinted.containsKey(n.label())
                    ? firstPrinted.get(n.label()).children() : n.children();
            if (visiting.add(n.label())) {
                if (search(children, module, firstPrinted, path, visiting)) {
                    return true;
                }
                visiting.remove(n.label());
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
