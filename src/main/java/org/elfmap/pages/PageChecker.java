package org.elfmap.pages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.elfmap.BadInputException;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.ByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.CompatLoad;
import org.elfmap.loader.Loaders;
import org.elfmap.output.Words;
import org.elfmap.space.PageSize;

/**
 * Walks files, directory trees and archives and hands one {@link FileVerdict} per ELF file to a
 * sink as soon as it is made, so a scan of thousands of files holds one verdict at a time.
 * Directories: symbolic links are followed, each file is checked once (by file key) and loops
 * are detected. Archives (zip, jar, apk, aab, aar) are read in place, entry by entry.
 */
public final class PageChecker {
    /** A compressed entry larger than this is not inflated into memory. */
    private static final long MAX_INFLATE = 64L << 20;
    private static final Set<String> ARCHIVES = Set.of("zip", "jar", "apk", "aab", "aar", "apex");

    private final CheckOptions options;
    private final Consumer<FileVerdict> sink;
    private final Set<Object> seen = new HashSet<>();

    public PageChecker(CheckOptions options, Consumer<FileVerdict> sink) {
        this.options = options;
        this.sink = sink;
    }

    /**
     * Checks one path named by the user. A path that does not exist, or a named file that is
     * neither ELF nor an archive, is a usage error (thrown); problems inside are verdicts.
     */
    public void check(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new BadInputException(path.toString(), "no such file or directory");
        }
        if (Files.isDirectory(path)) {
            walk(path);
        } else if (!checkFile(path)) {
            throw new BadInputException(path.toString(), "neither an ELF file nor a zip/jar/apk/aar archive");
        }
    }

    private void walk(Path dir) throws IOException {
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && firstVisit(attrs)) {
                    checkFile(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // loops (FileSystemLoopException), dangling links, unreadable entries: not ELF files to judge
                if (!(e instanceof FileSystemLoopException) && Files.isRegularFile(file)) {
                    sink.accept(malformed(file.toString(), "cannot read: " + e.getMessage(), Optional.empty()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private boolean firstVisit(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null || seen.add(key);
    }

    /** Returns false when the file is neither ELF nor an archive (skipped quietly in trees). */
    private boolean checkFile(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.wrap(magic), 0);
        } catch (IOException e) {
            sink.accept(malformed(file.toString(), "cannot read: " + e.getMessage(), Optional.empty()));
            return true;
        }
        if (magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F') {
            sink.accept(verdictOf(file.toString(), () -> Elf.read(file), List.of(), Optional.empty()));
            return true;
        }
        boolean zipMagic = magic[0] == 'P' && magic[1] == 'K';
        if (zipMagic || ARCHIVES.contains(extension(file))) {
            checkArchive(file);
            return true;
        }
        return false;
    }

    private void checkArchive(Path file) {
        String archive = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             ZipFile zip = ZipFile.builder().setSeekableByteChannel(new BufferedReadChannel(ch))
                     .setIgnoreLocalFileHeader(true).get()) {
            for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
                ZipArchiveEntry e = en.nextElement();
                if (!e.isDirectory() && isLibrary(e.getName()) && (isSharedObjectName(e.getName()) || hasElfMagic(zip, e))) {
                    sink.accept(checkEntry(archive, zip, ch, e));
                }
            }
        } catch (IOException | RuntimeException e) {
            sink.accept(malformed(archive, "not a readable zip archive: " + innermost(e), Optional.empty()));
        }
    }

    /** Native libraries by name: {@code *.so}, {@code *.so.N}, anything under {@code lib/<abi>/}. */
    private static boolean isLibrary(String name) {
        return isSharedObjectName(name) || AndroidAbi.of(name).isPresent();
    }

    private static boolean isSharedObjectName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return base.endsWith(".so") || base.contains(".so.");
    }

    /**
     * For an entry in an ABI directory that is not named like a library ({@code wrap.sh}, a data
     * file): checked only when it is ELF, otherwise skipped quietly like any non-ELF entry. A
     * {@code .so} without the magic, by contrast, is reported: it claims to be a library.
     */
    private static boolean hasElfMagic(ZipFile zip, ZipArchiveEntry e) {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException | RuntimeException x) {
            return true; // let the full check report what is wrong with it
        }
    }

    private FileVerdict checkEntry(String archive, ZipFile zip, FileChannel ch, ZipArchiveEntry e) {
        String name = archive + "!/" + e.getName();
        Optional<String> abi = AndroidAbi.of(e.getName());
        List<PageProblem> extra = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ElfSupplier read;
        if (e.getMethod() == ZipArchiveEntry.STORED) {
            long offset;
            try {
                offset = LocalHeader.dataOffset(ch, e.getLocalHeaderOffset(), name);
            } catch (IOException | BadInputException x) {
                return verdictOf(name, () -> {
                    throw x;
                }, extra, abi, notes);
            }
            if (!options.page().aligned(offset)) {
                extra.add(PageProblem.of(ProblemKind.ZIP_OFFSET, String.format(
                        "stored entry's data starts at archive offset 0x%x, not on a %s boundary (0x%x past it):"
                                + " it cannot be mapped from the APK in place", offset, options.page().label(),
                        options.page().offsetIn(offset))));
            }
            read = () -> Elf.read(new EntrySource(name, ch, offset, e.getSize()));
        } else {
            notes.add("compressed (method " + e.getMethod() + "): the installer extracts it, so its place in the"
                    + " archive does not matter");
            read = () -> Elf.read(inflate(zip, e, name));
        }
        return verdictOf(name, read, extra, abi, notes);
    }

    private static ByteSource inflate(ZipFile zip, ZipArchiveEntry e, String name) throws IOException {
        if (e.getSize() > MAX_INFLATE) {
            throw new BadInputException(name, "compressed entry of " + e.getSize() + " bytes is too large to inspect");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) MAX_INFLATE);
            return new ArrayByteSource(name, bytes);
        }
    }

    @FunctionalInterface
    private interface ElfSupplier {
        ElfFile get() throws IOException;
    }

    private FileVerdict verdictOf(String name, ElfSupplier read, List<PageProblem> extra, Optional<String> abi) {
        return verdictOf(name, read, extra, abi, List.of());
    }

    private FileVerdict verdictOf(String name, ElfSupplier read, List<PageProblem> extra, Optional<String> abi,
                                  List<String> notes) {
        boolean binding = abi.map(a -> options.allAbis() || !AndroidAbi.is32Bit(a)).orElse(true);
        List<String> allNotes = new ArrayList<>(notes);
        if (!binding) {
            allNotes.add("32-bit ABI " + abi.get() + ": Android's 16 KiB rule does not bind it (use --all-abis)");
        }
        ElfFile elf;
        try {
            elf = read.get();
        } catch (IOException | BadInputException e) {
            List<PageProblem> problems = new ArrayList<>(extra);
            problems.add(PageProblem.of(ProblemKind.MALFORMED, reason(e, name)));
            return new FileVerdict(name, problems, allNotes, binding, abi, List.of());
        }
        List<PageProblem> problems = new ArrayList<>(ElfPageRules.check(elf, options.page()));
        problems.addAll(extra);
        if (elf.loads().isEmpty()) {
            allNotes.add("no PT_LOAD segments: nothing is mapped");
        }
        if (options.page().bytes() == 16384 && problems.stream().anyMatch(p -> p.kind() == ProblemKind.ALIGN)) {
            // what the alignment problem means on a 16 KiB Android device in its app-compat mode
            // (a sentence until check-pages' notes are records like the rest of the findings)
            CompatLoad.of(elf).ifPresent(c -> allNotes.add(Words.compatLoad(c)));
        }
        return new FileVerdict(name, problems, allNotes, binding, abi, whatIf(elf));
    }

    /** commons-compress wraps the cause ("Error reading Zip content from ..."); the cause says what is wrong. */
    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static String reason(Exception e, String name) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.startsWith(name + ": ") ? m.substring(name.length() + 2) : m;
    }

    private List<WhatIf> whatIf(ElfFile elf) {
        if (options.whatIf().isEmpty()) {
            return List.of();
        }
        LoaderModel model = options.loader().orElseGet(() -> Loaders.defaultFor(elf));
        List<WhatIf> out = new ArrayList<>();
        for (PageSize p : options.whatIf()) {
            Layout l = model.layout(elf, p);
            out.add(new WhatIf(p.bytes(), model.name(), l.vszBytes(), l.gapBytes(), l.refusal()));
        }
        return Collections.unmodifiableList(out);
    }

    private static FileVerdict malformed(String name, String why, Optional<String> abi) {
        return new FileVerdict(name, List.of(PageProblem.of(ProblemKind.MALFORMED, why)), List.of(), true, abi,
                List.of());
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
