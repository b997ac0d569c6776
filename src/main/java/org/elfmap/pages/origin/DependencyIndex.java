package org.elfmap.pages.origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.elfmap.BadInputException;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.pages.LibraryIdentity;

/**
 * Finds where failing libraries came from: walks the dependency directories the user named (a
 * Gradle cache, a Maven repository, {@code node_modules}), opens every AAR and JAR there and
 * looks at the entries, and at the loose files, that have the name of a wanted library; one whose
 * bytes have the wanted SHA-256, or failing that the wanted GNU build ID, is an {@link Origin}.
 * Only same-named candidates are read, so a cache of thousands of artifacts costs a walk and
 * their central directories.
 */
public final class DependencyIndex {
    /** A library bigger than this is not read to be hashed (Android's largest are ~200 MiB). */
    private static final int MAX_LIBRARY = 512 << 20;

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

    private void walk(Path top) throws IOException {
        root = top;
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    visit(file, attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // an unreadable corner of a cache is not the input being checked
            }
        });
    }

    private void visit(Path file, long size) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (wantedByName.containsKey(name) && size <= MAX_LIBRARY) {
                match(file, Optional.empty(), name, Files.readAllBytes(file));
            } else if (lower.endsWith(".aar") || lower.endsWith(".jar")) {
                archive(file);
            }
        } catch (IOException | RuntimeException e) {
            // a corrupt or vanished artifact cannot be an origin; the others still can
        }
    }

    private void archive(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             ZipFile zip = ZipFile.builder().setSeekableByteChannel(ch).setIgnoreLocalFileHeader(true).get()) {
            for (Enumeration<ZipArchiveEntry> en = zip.getEntries(); en.hasMoreElements(); ) {
                ZipArchiveEntry e = en.nextElement();
                String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (!e.isDirectory() && wantedByName.containsKey(base) && e.getSize() <= MAX_LIBRARY) {
                    try (InputStream in = zip.getInputStream(e)) {
                        match(file, Optional.of(e.getName()), base, in.readNBytes(MAX_LIBRARY));
                    }
                }
            }
        }
    }

    private void match(Path file, Optional<String> entry, String name, byte[] bytes) throws IOException {
        ArrayByteSource src = new ArrayByteSource(file + entry.map(e -> "!/" + e).orElse(""), bytes);
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
