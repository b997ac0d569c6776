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
import org.elfmap.elf.FileByteSource;
import org.elfmap.elf.SectionHeaders;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.CompatLoad;
import org.elfmap.loader.Loaders;
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
            sink.accept(verdictOf(file.toString(), () -> Elf.read(file), () -> FileByteSource.open(file), List.of(),
                    AndroidAbi.of(file.toString().replace(java.io.File.separatorChar, '/')), List.of()));
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
                    sink.accept(checkEntry(archive, ArchiveKind.of(file.getFileName().toString()), zip, ch, e));
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

    private FileVerdict checkEntry(String archive, ArchiveKind kind, ZipFile zip, FileChannel ch, ZipArchiveEntry e) {
        String name = archive + "!/" + e.getName();
        Optional<String> abi = AndroidAbi.of(e.getName());
        List<PageProblem> extra = new ArrayList<>();
        List<PageNote> notes = new ArrayList<>();
        if (e.getMethod() == ZipArchiveEntry.STORED) {
            long offset;
            try {
                offset = LocalHeader.dataOffset(ch, e.getLocalHeaderOffset(), name);
            } catch (IOException | BadInputException x) {
                return verdictOf(name, () -> {
                    throw x;
                }, () -> {
                    throw x;
                }, extra, abi, notes);
            }
            if (!options.page().aligned(offset)) {
                if (kind.installedAsIs()) {
                    extra.add(new PageProblem.ZipOffset(offset, options.page().bytes()));
                } else {
                    notes.add(new PageNote.RepackagedLater(offset, options.page().bytes(), kind));
                }
            }
            EntrySource src = new EntrySource(name, ch, offset, e.getSize());
            return verdictOf(name, () -> Elf.read(src), () -> src, extra, abi, notes);
        }
        notes.add(new PageNote.Compressed(e.getMethod()));
        ByteSource[] inflated = new ByteSource[1];
        return verdictOf(name, () -> Elf.read(inflated[0] = inflate(zip, e, name)), () -> inflated[0], extra, abi, notes);
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

    /** The file's bytes again, for its section headers and its identity: opened after {@link ElfSupplier#get}. */
    @FunctionalInterface
    private interface BytesSupplier {
        ByteSource open() throws IOException;
    }

    private FileVerdict verdictOf(String name, ElfSupplier read, BytesSupplier bytes, List<PageProblem> extra,
                                  Optional<String> abi, List<PageNote> notes) {
        List<PageNote> allNotes = new ArrayList<>(notes);
        abi.filter(AndroidAbi::is32Bit).ifPresent(a -> allNotes.add(new PageNote.ThirtyTwoBitAbi(a)));
        boolean abiBinds = abi.map(a -> !AndroidAbi.is32Bit(a)).orElse(true);
        List<PageProblem> problems = new ArrayList<>();
        ElfFile elf;
        try {
            elf = read.get();
        } catch (IOException | BadInputException e) {
            problems.addAll(extra);
            problems.add(new PageProblem.Malformed(reason(e, name)));
            return new FileVerdict(name, problems, allNotes, options.allAbis() || abiBinds, abi, List.of(),
                    Optional.empty());
        }
        boolean elf32 = !elf.header().is64();
        if (elf32 && abiBinds) {
            allNotes.add(new PageNote.ThirtyTwoBitElf()); // in a 32-bit ABI directory, that note says it already
        }
        boolean binding = options.allAbis() || abiBinds && !elf32;
        try (LazySource src = new LazySource(bytes)) {
            AndroidElfPolicy.Findings f = AndroidElfPolicy.check(elf, options.page(),
                    () -> SectionHeaders.read(src.get(), elf.header()));
            problems.addAll(f.problems());
            problems.addAll(extra);
            allNotes.addAll(f.notes());
            if (options.page().bytes() == 16384 && problems.stream().anyMatch(p -> p.kind() == ProblemKind.ALIGN)) {
                // what the alignment problem means on a 16 KiB Android device in its app-compat mode
                CompatLoad.of(elf).ifPresent(c -> allNotes.add(new PageNote.CompatLoaded(c)));
            }
            Optional<LibraryIdentity> identity = options.identify() && !problems.isEmpty()
                    ? Optional.of(LibraryIdentity.of(name.substring(name.lastIndexOf('/') + 1), src.get(), elf))
                    : Optional.empty();
            return new FileVerdict(name, problems, allNotes, binding, abi, whatIf(elf), identity);
        } catch (IOException | BadInputException e) {
            problems.add(new PageProblem.Malformed(reason(e, name)));
            return new FileVerdict(name, problems, allNotes, binding, abi, List.of(), Optional.empty());
        }
    }

    /** The file's bytes opened on first use only: most files never need them after their program headers. */
    private static final class LazySource implements AutoCloseable {
        private final BytesSupplier supplier;
        private ByteSource source;

        LazySource(BytesSupplier supplier) {
            this.supplier = supplier;
        }

        ByteSource get() throws IOException {
            if (source == null) {
                source = supplier.open();
            }
            return source;
        }

        @Override
        public void close() throws IOException {
            if (source != null) {
                source.close();
            }
        }
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
        return new FileVerdict(name, List.of(new PageProblem.Malformed(why)), List.of(), true, abi, List.of(),
                Optional.empty());
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
