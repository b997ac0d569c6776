package org.elfmap.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.BadInputException;

/**
 * Path arguments where {@code @LIST} stands for the paths in the file LIST, one per line (blank
 * lines skipped, nothing else special: a path may hold spaces or quotes), and {@code @@NAME} for
 * a path that really begins with {@code @}.
 *
 * <p>Why not picocli's own {@code @}-files: they split lines on blanks and honour quotes, so paths
 * with spaces break, and picocli tries every expanded argument as a number before treating it as
 * a positional (two exceptions per argument): with the 3,000 files of {@code /usr} that was a fifth
 * of a {@code layout} run (measured with bench/layout.sh and perf).
 */
final class PathArguments {
    private PathArguments() {
    }

    static List<Path> expand(List<String> args) {
        List<Path> out = new ArrayList<>(args.size());
        for (String arg : args) {
            if (arg.startsWith("@@")) {
                out.add(path(arg.substring(1), "argument"));
            } else if (arg.startsWith("@") && arg.length() > 1) {
                readList(arg.substring(1), out);
            } else {
                out.add(path(arg, "argument"));
            }
        }
        return out;
    }

    private static void readList(String list, List<Path> out) {
        Path file = path(list, "argument file");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    out.add(path(line, list + ":" + n));
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(list, "no such argument file (@" + list + " reads paths from it, one per line)");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException(list, "cannot read the argument file: " + e.getMessage());
        }
    }

    private static Path path(String s, String where) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new BadInputException(where, "not a usable path: " + e.getReason());
        }
    }
}
