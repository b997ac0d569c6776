package org.elfmap.explain;

import org.elfmap.space.Usage;
import org.elfmap.space.Prediction;
import org.elfmap.space.RawPath;
import org.elfmap.deps.Sysroot;
import org.elfmap.space.Region;
import org.elfmap.space.ObjectImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.elf.ElfFile;
import org.elfmap.explain.FileCache.Lookup;
import org.elfmap.loader.LoaderModel;
import org.elfmap.space.PageSize;
import org.elfmap.maps.EntrySink;
import org.elfmap.maps.MapsEntry;

/**
 * Turns a stream of entries (in address order) into objects. An entry of a file opens an object
 * (ELF, shape, or plain file); entries that follow join it while they lie in its span (ELF) or
 * continue its shape; anonymous memory joins the ELF object whose bss or reservation it is, and
 * the rest goes to pseudo-objects by name. Only open objects (one or two at a time) and the
 * attributed regions are held, never the text.
 */
final class ObjectAssembler implements EntrySink {
    private static final String DELETED = " (deleted)";
    /**
     * File objects made before the rest are folded into {@link #MORE_FILES} (counted, not read):
     * a process maps a few hundred files (a browser ~300, a JVM with many jars a few thousand),
     * while a capture naming a million distinct files needed 873 MB and 12 s (issue 16 item 7).
     */
    static final int MAX_FILE_OBJECTS = 10_000;
    static final String MORE_FILES = "[more files]";
    private final FileCache files;
    private final Optional<Sysroot> sysroot;
    private final Optional<Path> processRoot;
    private final boolean checkInode;
    private final boolean bsd;
    private final Optional<FreeBsdGaps> gaps;
    private final Optional<LiveFiles> live;
    private final int maxListed;
    private final List<ObjectBuilder> open = new ArrayList<>();
    private final List<ObjectBuilder> done = new ArrayList<>();
    private final Map<String, PseudoObjectBuilder> pseudo = new LinkedHashMap<>();
    private final List<ElfFile> elves = new ArrayList<>();
    private Optional<Usage> rollup = Optional.empty();
    /** The image's notes: those of reading (map_files), then the checks' (added by finish). */
    private final List<ExplainNote> notes = new ArrayList<>();
    private long entries;
    private int fileObjects;
    private long foldedFileEntries;

    /**
     * @param sysroot     {@code --root}: where the files a capture or process names are on this
     *                    machine, links resolved inside it; or empty
     * @param processRoot a live process's own root ({@code /proc/PID/root}) when it is not ours
     *                    (a container), or empty: paths as written
     * @param checkInode  whether the capture's inode must match the file's (not for a sysroot copy)
     * @param bsd         FreeBSD formats: no offsets, objects told apart by path and shape
     * @param maxListed   regions listed per pseudo-object before they are only counted
     * @param gaps        how FreeBSD's object-less PROT_NONE entries between segments are read
     */
    ObjectAssembler(FileCache files, Optional<Path> sysroot, Optional<Path> processRoot, boolean checkInode,
                    boolean bsd, int maxListed, Optional<FreeBsdGaps> gaps) {
        this(files, sysroot, processRoot, checkInode, bsd, maxListed, gaps, Optional.empty());
    }

    /** @param live what the live process tells beyond its map (its exe), or empty for a capture */
    ObjectAssembler(FileCache files, Optional<Path> sysroot, Optional<Path> processRoot, boolean checkInode,
                    boolean bsd, int maxListed, Optional<FreeBsdGaps> gaps, Optional<LiveFiles> live) {
        this.live = live;
        this.gaps = gaps;
        this.files = files;
        this.sysroot = sysroot.map(Sysroot::at);
        this.processRoot = processRoot;
        this.checkInode = checkInode;
        this.bsd = bsd;
        this.maxListed = maxListed;
    }

    @Override
    public void entry(MapsEntry e) {
        entries++;
        place(e);
    }

    private void place(MapsEntry e) {
        // by index, not by iterator: this runs for every entry of every process top reads, and C1
        // keeps each iterator (5 % of what a scan allocated, measured); closing an object adds to
        // the pseudo-objects, never to open
        for (int i = 0; i < open.size(); ) {
            ObjectBuilder b = open.get(i);
            boolean over = b instanceof ShapeObjectBuilder s ? !s.takes(e) : !b.openAt(e.start());
            if (over) {
                closeOne(b);
                done.add(b);
                open.remove(i);
            } else {
                i++;
            }
        }
        for (int i = 0; i < open.size(); i++) {
            ObjectBuilder b = open.get(i);
            if (b.takes(e)) {
                if (b instanceof ElfObjectBuilder elf && e.isFile()) {
                    List<Geometry.Piece> pieces = elf.pieces(e);
                    Optional<String> misfit = elf.misfit(e, pieces);
                    if (misfit.isPresent()) {
                        reshape(elf, e, misfit.get());
                    } else {
                        elf.add(e, pieces).forEach(this::placeRest);
                    }
                    return;
                }
                b.add(e).forEach(this::placeRest);
                return;
            }
        }
        if (e.isFile()) {
            openObject(e);
            return;
        }
        Optional<RawPath> compat = CompatObjectBuilder.library(e);
        if (compat.isPresent()) {
            openCompat(e, compat.get());
        } else {
            toPseudo(e);
        }
    }

    /** What an object that is over hands back: entries or parts of entries that were not its own. */
    private void closeOne(ObjectBuilder b) {
        if (b instanceof ShapeObjectBuilder s) {
            s.close().forEach(this::toPseudo); // before e: the pseudo-objects stay in address order
        } else if (b instanceof ElfObjectBuilder elf) {
            elf.close().forEach(this::placeRest);
        }
    }

    /**
     * The file at the object's path is not the one that was mapped (rewritten in place: same
     * {@code dev:inode}, new bytes), as file entry {@code e} shows: its layout cannot place it. Its
     * entries so far and {@code e} are read again by shape, as for a file replaced by another inode.
     */
    private void reshape(ElfObjectBuilder elf, MapsEntry e, String misfit) {
        open.remove(elf);
        elf.close(); // its parts of anonymous entries are dropped: the entries are placed again whole
        elves.remove(elf.elf());
        List<MapsEntry> again = new ArrayList<>(elf.given());
        again.add(e);
        MapsEntry first = again.get(0);
        ObjectBuilder s = shape(first, new Lookup.Unavailable(Prediction.FileProblem.CHANGED_SINCE_MAPPED, misfit));
        open.add(s);
        s.add(first);
        for (MapsEntry g : again.subList(1, again.size())) {
            place(g);
        }
    }

    @Override
    public void rollup(Usage totals) {
        rollup = Optional.of(totals);
    }

    long entries() {
        return entries;
    }

    /** Entries of files beyond {@link #MAX_FILE_OBJECTS} file objects, folded into {@link #MORE_FILES}. */
    long foldedFileEntries() {
        return foldedFileEntries;
    }

    Optional<Usage> rollupTotals() {
        return rollup;
    }

    private void placeRest(Region r) {
        String name = switch (r.kind()) {
            case HEAP -> "[heap]";
            case STACK -> "[stack]";
            default -> "[anon]";
        };
        pseudo(name, "").add(r);
    }

    /** An entry of no object, under the pseudo-object its name says ({@link Pseudo#of}, asked once). */
    private void toPseudo(MapsEntry e) {
        Pseudo p = Pseudo.of(e);
        pseudo(p.object(), "").add(e, p);
    }

    private PseudoObjectBuilder pseudo(String name, String identity) {
        return pseudo.computeIfAbsent(name + "\0" + identity,
                k -> new PseudoObjectBuilder(name, identity, maxListed));
    }

    private void openObject(MapsEntry e) {
        String path = e.path();
        boolean memfd = path.startsWith("/memfd:") && e.isPrivate(); // a loaded ELF's pages are private
        if (path.isEmpty() || (Pseudo.isShm(e) && !memfd) || path.startsWith("/anon_hugepage")
                || path.startsWith("/dev/") || path.startsWith("/SYSV")) {
            pseudo(path.isEmpty() ? "[anon]" : path, e.object()).add(e);
            return;
        }
        if (fileObjects >= MAX_FILE_OBJECTS) {
            foldedFileEntries++;
            pseudo(MORE_FILES, "").add(e);
            return;
        }
        fileObjects++;
        Lookup found = memfd ? new Lookup.Unavailable(Prediction.FileProblem.MEMFD)
                : path.endsWith(DELETED) ? deleted(e)
                : find(e.name(), e.object(), checkInode ? inode(e) : OptionalLong.empty());
        if (found instanceof Lookup.Unavailable u && live.isPresent() && THROUGH_MAP_FILES.contains(u.problem())) {
            found = throughMapFiles(e, u);
        }
        ObjectBuilder b;
        if (found instanceof Lookup.ElfObject elf && !startsImage(e, elf.geometry()) && imageBelow(key(e))) {
            // the file's image is already placed below, and no loader starts an image here: the
            // program mapped part of the file itself (V8's built-ins in node). Read as a second
            // image it would take the anonymous memory after it for the file's bss
            b = shape(e, new Lookup.Unavailable(Prediction.FileProblem.MAPPED_AGAIN));
        } else if (found instanceof Lookup.ElfObject elf) {
            Optional<Long> base = ElfObjectBuilder.base(e, elf.geometry());
            if (base.isPresent()) {
                ElfObjectBuilder built = new ElfObjectBuilder(path, e.object(), key(e), elf, base.get(), gaps);
                List<Geometry.Piece> pieces = built.pieces(e);
                Optional<String> misfit = built.misfit(e, pieces);
                if (misfit.isEmpty()) {
                    elves.add(elf.elf());
                    open.add(built);
                    built.add(e, pieces).forEach(this::placeRest);
                    return;
                }
                b = shape(e, new Lookup.Unavailable(Prediction.FileProblem.CHANGED_SINCE_MAPPED, misfit.get()));
            } else {
                b = shape(e, new Lookup.Unavailable(Prediction.FileProblem.DOES_NOT_FIT));
            }
        } else if (found instanceof Lookup.Unavailable u) {
            b = shape(e, u);
        } else {
            pseudo(path, e.object()).add(e);
            return;
        }
        open.add(b);
        b.add(e).forEach(this::placeRest);
    }

    /**
     * Whether an image of the file with this key (its {@code dev:inode} and path) has been placed
     * at a lower address of this space. Without one, an entry that does not start an image is
     * read as an image whose first entries are missing (a capture cut short, a header page
     * unmapped, text moved to huge pages by libhugetlbfs) and checked as such, as before.
     */
    private boolean imageBelow(String key) {
        return hasImage(done, key) || hasImage(open, key);
    }

    private static boolean hasImage(List<ObjectBuilder> builders, String key) {
        for (ObjectBuilder b : builders) {
            if (b instanceof ElfObjectBuilder elf && elf.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether file entry {@code e}, opening an object, is where a loader starts an image of the
     * file ({@link Geometry#imageStart}); true when the format gives no offsets (FreeBSD's).
     */
    private static boolean startsImage(MapsEntry e, Geometry geo) {
        OptionalLong start = geo.imageStart();
        return e.offset().isEmpty() || start.isEmpty() || e.offset().getAsLong() == start.getAsLong();
    }

    /**
     * A name ending in {@code " (deleted)"}: the kernel's mark of an unlinked file ({@code d_path},
     * fs/d_path.c), unless a file of that very name exists and is the mapped {@code dev:inode}
     * (a file can be named {@code libq.so (deleted)}). Only the inode tells them apart, so without
     * it (a sysroot) the name is taken as the kernel's mark.
     */
    private Lookup deleted(MapsEntry e) {
        if (checkInode) {
            OptionalLong inode = inode(e);
            Lookup literal = inode.isPresent() ? find(e.name(), e.object(), inode) : null;
            if (literal instanceof Lookup.ElfObject || literal instanceof Lookup.NotElf) {
                return literal;
            }
        }
        return new Lookup.Unavailable(Prediction.FileProblem.DELETED);
    }

    /**
     * The file a mapped name denotes, when the name can denote one: absolute, and without a NUL
     * byte (no file system has such a name, and Path.of refuses it: found by MapsFuzzTest); looked
     * up by the name's own bytes (a name that is not UTF-8 still names its file: issue 16, item 14).
     */
    private Lookup find(RawPath name, String identity, OptionalLong inode) {
        if (!name.carried().startsWith("/")) {
            return new Lookup.Unavailable(Prediction.FileProblem.NOT_ABSOLUTE);
        }
        if (name.hasNul()) {
            return new Lookup.Unavailable(Prediction.FileProblem.NUL_IN_PATH);
        }
        Optional<RawPath> unescaped = newlinesUnescaped(name);
        if (unescaped.isPresent()) {
            Lookup l = lookup(unescaped.get(), identity, inode);
            if (l instanceof Lookup.ElfObject || l instanceof Lookup.NotElf) {
                return l;
            }
        }
        return lookup(name, identity, inode);
    }

    /**
     * The name with each {@code \012} put back as the newline it stands for: procfs escapes a
     * newline, and only a newline, in a mapped name ({@code show_map_vma} → {@code seq_file_path(m,
     * file, "\n")} → {@code mangle_path}, fs/seq_file.c, which writes {@code \ooo}). A backslash is
     * not escaped, so a name may also hold {@code \012} literally: the caller tries the unescaped
     * name first and keeps it only when that file exists (and is the mapped inode, when known).
     */
    static Optional<RawPath> newlinesUnescaped(RawPath name) {
        String c = name.carried();
        return c.contains("\\012") ? Optional.of(new RawPath(c.replace("\\012", "\n"))) : Optional.empty();
    }

    /**
     * The file a name denotes, opened by the name's own bytes. A file already known by its
     * {@code dev:inode} is answered first, with no path resolved ({@link FileCache#known}: {@code top}
     * meets libc in every process). Inside {@code --root} links resolve inside it
     * ({@link Sysroot#file}: an absolute link target restarts at the root, never at this
     * machine's); a name caught in a link loop is no file (ELOOP). A live process's name is the
     * kernel's {@code d_path} of the mapped file, which holds no link, so under its
     * {@code /proc/PID/root} it is taken as it is (and its inode is checked).
     */
    private Lookup lookup(RawPath name, String identity, OptionalLong inode) {
        Optional<Lookup> known = files.known(identity, inode);
        if (known.isPresent()) {
            return known.get();
        }
        Path file;
        try {
            file = sysroot.isPresent() ? sysroot.get().file(name.carried()) : name.toPath(processRoot);
        } catch (Sysroot.SymlinkLoop x) {
            return new Lookup.Unavailable(Prediction.FileProblem.CANNOT_READ, "too many levels of symbolic links");
        } catch (IllegalArgumentException x) {
            return new Lookup.Unavailable(Prediction.FileProblem.CANNOT_READ, String.valueOf(x.getMessage()));
        }
        return files.lookup(file, identity, inode);
    }

    /** Why a name may not lead to the mapped file while the process still holds it. */
    private static final java.util.Set<Prediction.FileProblem> THROUGH_MAP_FILES = java.util.EnumSet.of(
            Prediction.FileProblem.MEMFD, Prediction.FileProblem.DELETED, Prediction.FileProblem.NO_SUCH_FILE,
            Prediction.FileProblem.CHANGED_SINCE_MAPPED);

    /**
     * The mapped file read through {@code /proc/PID/map_files} ({@link LiveProcess#mapFile}), when
     * its name does not lead to it ({@code why}); {@code why} itself when that cannot be opened
     * (EPERM without {@code CAP_SYS_ADMIN}, a process gone) or is not the mapped inode.
     */
    private Lookup throughMapFiles(MapsEntry e, Lookup.Unavailable why) {
        Lookup l = files.lookup(live.get().mapFile(e), e.object(), inode(e));
        if (l instanceof Lookup.Unavailable) {
            return why;
        }
        if (l instanceof Lookup.ElfObject) {
            notes.add(new ExplainNote.ReadThroughMapFiles(e.path(), why.problem()));
        }
        return l;
    }

    /** A library bionic read into anonymous memory ({@code [anon:PATH (compat loaded)]}): its file, when there. */
    private void openCompat(MapsEntry e, RawPath library) {
        FileCache.Lookup found = find(library, "", OptionalLong.empty());
        if (found instanceof FileCache.Lookup.ElfObject elf) {
            elves.add(elf.elf());
        }
        CompatObjectBuilder b = CompatObjectBuilder.of(e, library.text(), found);
        open.add(b);
        b.add(e);
    }

    private ObjectBuilder shape(MapsEntry e, Lookup.Unavailable why) {
        return new ShapeObjectBuilder(e.path(), e.object(), key(e), bsd,
                new Prediction.Unavailable.FileUnusable(e.path(), why.problem(), why.detail()), gaps, files.page());
    }

    /** The inode in a Linux {@code dev:inode} identity. */
    private static OptionalLong inode(MapsEntry e) {
        return inodeOf(e.object());
    }

    /** The inode in a Linux {@code dev:inode} identity, when it is one. */
    static OptionalLong inodeOf(String identity) {
        int colon = identity.lastIndexOf(':');
        if (colon < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(identity.substring(colon + 1)));
        } catch (NumberFormatException x) {
            return OptionalLong.empty();
        }
    }

    /** What makes two entries the same file: {@code dev:inode} and path on Linux, the path on FreeBSD. */
    static String key(MapsEntry e) {
        return e.offset().isPresent() ? e.object() + " " + e.path() : e.path();
    }

    /** The objects, in address order, each checked against its prediction. */
    List<ObjectImage> finish(boolean checkPredictions, Optional<LoaderModel> libraryLoader) {
        for (ObjectBuilder b : open) {
            closeOne(b);
        }
        List<ObjectBuilder> all = new ArrayList<>(done);
        all.addAll(open);
        all.addAll(pseudo.values());
        open.clear();
        Predictor predictor = new Predictor(checkPredictions, libraryLoader, bsd, files.page(), elves,
                () -> live.map(LiveFiles::exeInode).orElse(OptionalLong.empty()));
        // own lambda, not Comparator.comparing: the JDK's is spun on first use (~5 ms), ours is in the AOT cache
        all.sort((a, b) -> Long.compareUnsigned(a.firstStart(), b.firstStart()));
        List<ObjectImage> out = new ArrayList<>(all.size());
        for (ObjectBuilder b : all) {
            out.add(b.build(predictor));
        }
        notes.addAll(predictor.notes());
        return out;
    }

    /** What reading and the checks of {@link #finish} found worth a note on the image (after finish). */
    List<ExplainNote> notes() {
        return List.copyOf(notes);
    }

    static String displayName(ElfFile elf, String path) {
        return elf.soname().orElse(fileName(path));
    }

    static String fileName(String path) {
        String p = path.endsWith(DELETED) ? path.substring(0, path.length() - DELETED.length()) : path;
        if (p.endsWith("/")) {
            return p; // a path cut short names no file: keep all of it
        }
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    PageSize page() {
        return files.page();
    }
}
