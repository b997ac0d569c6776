package org.elfmap.pages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.elfmap.BadInputException;
import org.elfmap.elf.ByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.FileByteSource;
import org.elfmap.elf.SectionHeaders;
import org.elfmap.loader.CompatLoad;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.pages.InflatingSource.InflateBudget;
import org.elfmap.space.PageSize;
import org.elfmap.space.RawNames;

/**
 * Walks files, directory trees and archives and hands one {@link FileVerdict} per ELF file to a
 * sink as soon as it is made, so a scan of thousands of files holds one verdict at a time.
 * Directories: see {@link TreeWalk} (regular files only, each once; directory links followed
 * only with {@code --follow}). A file or directory that cannot be read (permissions, I/O) is not
 * a verdict: nothing about its pages is known, so it is handed to the {@code notChecked} consumer
 * (one line, the run exits 2) and the walk goes on. Archives (zip, jar, apk, aab, aar) are read in place, entry by entry, after their end
 * record passes Android's checks ({@link ZipEnd}); entries that overlap are refused, and what is
 * inflated is bounded per archive ({@link InflatingSource.InflateBudget}).
 */
public final class PageChecker {
    private final CheckOptions options;
    private final Consumer<FileVerdict> sink;
    private final Consumer<BadInputException> notChecked;
    private final boolean follow;
    private final Optional<Path> root;
    private final Set<Object> seen = new HashSet<>();
    private int linksNotFollowed;

    /**
     * {@code follow}: follow symbolic links to directories inside trees ({@code --follow});
     * {@code root}: a sysroot ({@code --root}) that no link in a tree may lead out of.
     */
    public PageChecker(CheckOptions options, boolean follow, Optional<Path> root, Consumer<FileVerdict> sink) {
        this(options, follow, root, sink, e -> {
            throw e;
        });
    }

    /**
     * {@code notChecked}: told of each file or directory that could not be read, named or met in
     * a tree (the checker goes on after it returns).
     */
    public PageChecker(CheckOptions options, boolean follow, Optional<Path> root, Consumer<FileVerdict> sink,
                       Consumer<BadInputException> notChecked) {
        this.options = options;
        this.follow = follow;
        this.root = root;
        this.sink = sink;
        this.notChecked = notChecked;
    }

    /**
     * Symbolic links in trees that were not followed: to directories outside the tree (without
     * {@code --follow}), and to anything outside the sysroot.
     */
    public int linksNotFollowed() {
        return linksNotFollowed;
    }

    /**
     * Checks one path named by the user. A path that does not exist, or a named file that is
     * neither ELF nor an archive (or not a regular file at all: a FIFO would block the open), is a
     * usage error (thrown); problems inside are verdicts.
     */
    public void check(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException(RawNames.shown(path), Files.isSymbolicLink(path)
                    ? "a symbolic link to nothing (its target does not exist)" : "no such file or directory");
        } catch (IOException e) {
            throw new BadInputException(RawNames.shown(path), TreeWalk.reason(e));
        }
        if (attrs.isDirectory()) {
            walkTree(path);
        } else if (!attrs.isRegularFile()) {
            throw new BadInputException(RawNames.shown(path), "not a regular file or directory (a FIFO, socket or device):"
                    + " not opened");
        } else if (attrs.size() < TreeWalk.MIN_SIZE || !checkFile(path)) {
            throw new BadInputException(RawNames.shown(path), "neither an ELF file nor a zip/jar/apk/aar archive");
        }
    }

    /**
     * A directory's files, each checked once ({@link TreeWalk}); on more than one CPU the files are
     * checked on the pool while the walk goes on ({@link TreeChecks}), reported in walk order.
     */
    private void walkTree(Path path) throws IOException {
        TreeChecks ahead = TreeChecks.worthIt() ? new TreeChecks((file, s, n) ->
                new PageChecker(options, follow, root, s, n).checkFile(file), sink, notChecked) : null;
        TreeWalk walk = new TreeWalk(follow, root, seen, new TreeWalk.Visitor() {
            @Override
            public void file(Path file) throws IOException {
                if (ahead != null) {
                    ahead.file(file);
                } else {
                    checkFile(file);
                }
            }

            @Override
            public void unreadable(Path dir, String why) {
                BadInputException e = new BadInputException(RawNames.shown(dir), "cannot read the directory: " + why);
                if (ahead != null) {
                    ahead.unreadable(e);
                } else {
                    notChecked.accept(e);
                }
            }
        });
        try {
            walk.walk(path);
        } catch (IOException | RuntimeException e) {
            // what was checked before the walk failed is reported before its failure, as in a plain
            // loop; a check in flight that failed came first in walk order, so its failure is the one
            if (ahead != null) {
                try {
                    ahead.drain();
                } catch (RuntimeException earlier) {
                    earlier.addSuppressed(e);
                    throw earlier;
                }
            }
            throw e;
        }
        if (ahead != null) {
            ahead.drain();
        }
        linksNotFollowed += walk.linksNotFollowed();
    }

    /**
     * Returns false when the file is neither ELF nor an archive (skipped quietly in trees). An ELF
     * file is opened once: its magic, its headers, its section headers and its identity are read
     * from the one source (its first 4 KiB read once, {@link FileByteSource}).
     */
    private boolean checkFile(Path file) throws IOException {
        String name = RawNames.shown(file);
        byte[] magic = new byte[4];
        try (FileByteSource src = FileByteSource.open(file, name)) {
            int head = (int) Math.min(4, src.size());
            try {
                src.peek(0, head).get(magic, 0, head);
            } catch (org.elfmap.elf.ElfFormatException e) {
                // shorter than its size says (a sysfs file claims 4096 bytes, a file shrinking):
                // this file is not checked, said in one line, and the walk goes on
                notChecked.accept(new BadInputException(name, "cannot read: " + e.what()));
                return true;
            }
            if (magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F') {
                sink.accept(verdictOf(name, () -> Elf.read(src), () -> src, List.of(),
                        AndroidAbi.of(name.replace(java.io.File.separatorChar, '/')), List.of()));
                return true;
            }
        } catch (IOException e) {
            notChecked.accept(new BadInputException(name, "cannot read: " + TreeWalk.reason(e)));
            return true;
        }
        // a local header (PK\3\4) or an empty archive's end record (PK\5\6): "PK" alone starts
        // text too (found over /usr: a Python file beginning "PKGVERSION =" was reported malformed)
        boolean zipMagic = magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 && magic[3] == 4
                || magic[2] == 5 && magic[3] == 6);
        ArchiveKind kind = ArchiveKind.of(file.getFileName().toString());
        if (zipMagic || kind.archiveName()) {
            checkArchive(file, kind);
            return true;
        }
        return false;
    }

    private void checkArchive(Path file, ArchiveKind kind) {
        String archive = RawNames.shown(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Optional<ReadFailure> end = ZipEnd.problem(ch, kind.androidPackage());
            if (end.isPresent()) {
                sink.accept(malformed(archive, end.get()));
                return;
            }
            try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new BufferedReadChannel(ch))
                    .setIgnoreLocalFileHeader(true).get()) {
                Optional<ReadFailure> overlap = ArchiveEntries.overlap(zip);
                if (overlap.isPresent()) {
                    sink.accept(malformed(archive, overlap.get()));
                    return;
                }
                InflateBudget budget = InflateBudget.forArchive(ch.size());
                for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
                    ZipArchiveEntry e = en.nextElement();
                    if (!e.isDirectory() && isLibrary(e.getName())
                            && (isSharedObjectName(e.getName()) || hasElfMagic(zip, e, budget))) {
                        sink.accept(checkEntry(archive, kind, zip, ch, e, budget));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            sink.accept(malformed(archive, new ReadFailure.ZipUnreadable(innermost(e))));
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
    private static boolean hasElfMagic(ZipFile zip, ZipArchiveEntry e, InflateBudget budget) {
        if (e.getSize() >= 0 && e.getSize() < TreeWalk.MIN_SIZE) {
            return false;
        }
        try (InflatingSource in = new InflatingSource(e.getName(), zip, e, budget)) {
            ByteBuffer m = in.read(0, 4);
            return m.get(0) == 0x7f && m.get(1) == 'E' && m.get(2) == 'L' && m.get(3) == 'F';
        } catch (IOException | RuntimeException x) {
            return true; // let the full check report what is wrong with it
        }
    }

    private FileVerdict checkEntry(String archive, ArchiveKind kind, ZipFile zip, FileChannel ch, ZipArchiveEntry e,
                                   InflateBudget budget) {
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
                    extra.add(new PageProblem.ZipOffset(offset, options.page()));
                } else {
                    notes.add(new PageNote.RepackagedLater(offset, options.page(), kind));
                }
            }
            EntrySource src = new EntrySource(name, ch, offset, e.getSize());
            return verdictOf(name, () -> Elf.read(src), () -> src, extra, abi, notes);
        }
        notes.add(new PageNote.Compressed(e.getMethod()));
        // inflated by range within the archive's budget; the section headers are read from the same stream
        InflatingSource src = new InflatingSource(name, zip, e, budget);
        return verdictOf(name, () -> {
            try {
                return Elf.read(src);
            } catch (IOException | RuntimeException x) {
                src.close();
                throw x;
            }
        }, () -> src, extra, abi, notes);
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
            // bytes compared, not the records: a record's equals is an indy bootstrap at start-up
            if (options.page().bytes() == PageSize.P16K.bytes()
                    && problems.stream().anyMatch(p -> p.kind() == ProblemKind.ALIGN)) {
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
            out.add(new WhatIf(p, model.name(), l.vszBytes(), l.gapBytes(), l.refusal()));
        }
        return Collections.unmodifiableList(out);
    }

    private static FileVerdict malformed(String name, ReadFailure why) {
        return new FileVerdict(name, List.of(new PageProblem.Unreadable(why)), List.of(), true, Optional.empty(),
                List.of(), Optional.empty());
    }
}
