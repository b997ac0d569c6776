package org.elfmap.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** binutils' {@code readelf -lW}, the second opinion on program headers: run it, read its table. */
public final class Readelf {
    /** readelf's table prints a type's name as {@code "  %-14.14s "}: at most 14 columns. */
    public static final int TYPE_COLUMNS = 14;

    private Readelf() {
    }

    public static boolean installed() {
        return Tools.has("readelf", "--version");
    }

    /** The binutils release of this machine's readelf ({@code 2.40}), when there is one. */
    public static Optional<String> version() {
        Matcher m = Pattern.compile("(?m)^GNU readelf .* (\\d+\\.\\d+)(\\.\\d+)*\\s*$")
                .matcher(Tools.output("readelf", "--version").orElse(""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code readelf -lW FILE...}: stdout's lines (one "File: NAME" block per file when there are several). */
    public static List<String> listing(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("readelf", "-lW"));
        files.forEach(f -> cmd.add(f.toString()));
        return Tools.lines(120, cmd.toArray(String[]::new));
    }

    public static List<String> listing(Path file) throws IOException, InterruptedException {
        return listing(List.of(file));
    }

    /** A type's name as readelf's table shows it. */
    public static String cut(String name) {
        return name.length() > TYPE_COLUMNS ? name.substring(0, TYPE_COLUMNS) : name;
    }

    /**
     * Each file's program-header rows, as printed (the interpreter line left out): by the name of
     * its "File: NAME" block, or by {@code single} for the output of one file, which has none.
     */
    public static Map<String, List<String>> rows(List<String> lines, String single) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = single;
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("File: ")) {
                current = line.substring(6).trim();
                inTable = false;
            } else if (line.trim().startsWith("Type ") && line.contains("Offset")) {
                inTable = true;
                out.put(current, new ArrayList<>());
            } else if (inTable && (line.isBlank() || line.startsWith(" Section"))) {
                inTable = false;
            } else if (inTable && !line.trim().startsWith("[")) {
                out.get(current).add(line);
            }
        }
        return out;
    }

    /** A row's type column, as printed (cut to {@link #TYPE_COLUMNS}). */
    public static String type(String row) {
        return row.substring(2, Math.min(row.length(), 2 + TYPE_COLUMNS)).trim();
    }
}
