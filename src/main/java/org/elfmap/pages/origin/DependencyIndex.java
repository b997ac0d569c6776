package org.elfmap.pages.origin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.elf.ByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.FileByteSource;
import org.elfmap.pages.ArchiveEntries;
import org.elfmap.pages.LibraryIdentity;
import org.elfmap.pages.TreeWalk;

/**
 * Finds where failing libraries came from: walks the dependency directories the user named (a
 * Gradle cache, a Maven repository, {@code node_modules}), opens every AAR and JAR there and
 * looks at the entries, and at the loose files, that have the name of a wanted library; one whose
 * bytes have the wanted SHA-256, or failing that the wanted GNU build ID, is an {@link Origin}.
 * Only same-named candidates are read, so a cache of thousands of artifacts costs a walk and
 * their central directories. The walk and the archives are read as check-pages reads its own
 * input (docs/reliability.md): {@link TreeWalk} (no link to a directory followed, FIFOs never
 * opened) and {@link ArchiveEntries} (end record, overlapping entries, inflate budget, entries
 * read by range, never whole into memory).
 */
public final class DependencyIndex {
    private final Map<String, List<LibraryIdentity>> wantedByName = new HashMap<>();
    private final Map<LibraryIdentity, List<Origin>> found = new LinkedHashMap<>();
    private Path root;

    private DependencyIndex(Collection<LibraryIdentity> wanted) {
        for (LibraryIdentity id : wanted) {
            wantedByName.computeIfAbsent(id.fileName(), k -> new ArrayList<>()).add(id);
            found.put(id, new ArrayList<>());
        }
    }

    /** Every origin of every wanted library under {@code roots}: same bytes first. A root that does not exist is bad input. */
    public static Map<LibraryIdentity, List<Origin>> find(List<Path> roots, Collection<LibraryIdentity> wanted)
            throws IOException {
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                throw new BadInputException(r.toString(), "--deps needs a directory (a Gradle cache, a Maven repository, node_modules)");
            }
        }
        DependencyIndex index = new DependencyIndex(wanted);
        if (!wanted.isEmpty()) {
            for (Path r : roots) {
                index.walk(r);
            }
        }
        index.found.values().forEach(l -> l.sort(Comparator.comparing(Origin::match)
                .thenComparing(o -> o.coordinate().isEmpty())));
        return index.found;
    }

    /** The hardened walk check-pages uses ({@link TreeWalk}): links to directories not followed, {@code .git} skipped. */
    private void walk(Path top) throws IOException {
        root = top;
        new TreeWalk(false, Optional.empty(), new HashSet<>(), new TreeWalk.Visitor() {
            @Override
            public void file(Path file) {
                visit(file);
            }

            @Override
            public void unreadable(Path dir, String why) {
                // an unreadable corner of a cache is not the input being checked
            }

            @Override
            public boolean enters(Path dir) {
                return dir.getFileName() == null || !dir.getFileName().toString().equals(".git");
            }
        }).walk(top);
    }

    private void visit(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (wantedByName.containsKey(name)) {
                try (ByteSource src = FileByteSource.open(file, file.toString())) {
                    match(file, Optional.empty(), name, src);
                }
            } else if (lower.endsWith(".aar") || lower.endsWith(".jar")) {
                // the hardened archive reading: end record, overlap, inflate budget, entries by range
                ArchiveEntries.read(file, entry -> wantedByName.containsKey(base(entry)),
                        (e, src) -> match(file, Optional.of(e.getName()), base(e.getName()), src));
            }
        } catch (IOException | RuntimeException e) {
            // a corrupt, refused or vanished artifact cannot be an origin; the others still can
        }
    }

    private static String base(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1);
    }

    private void match(Path file, Optional<String> entry, String name, ByteSource src) throws IOException {
        String sha = LibraryIdentity.sha256(src);
        Optional<String> buildId = Optional.empty();
        boolean read = false;
        for (LibraryIdentity want : wantedByName.get(name)) {
            Origin.Match how = null;
            if (want.sha256().equals(sha)) {
                how = Origin.Match.SHA256;
            } else if (want.buildId().isPresent()) {
                if (!read) {
                    read = true;
                    buildId = Elf.hasMagic(src) ? LibraryIdentity.buildId(Elf.read(src)) : Optional.empty();
                }
                if (buildId.equals(want.buildId())) {
                    how = Origin.Match.BUILD_ID;
                }
            }
            if (how != null) {
                found.get(want).add(new Origin(CoordinateGuess.of(root, file), file.toString(), entry, how));
            }
        }
    }
}
