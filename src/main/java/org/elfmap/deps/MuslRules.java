package org.elfmap.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.RawNames;

/**
 * musl's dynamic linker (1.2.3 here), {@code ldso/dynlink.c} {@code load_library}:
 * <ul>
 * <li>{@code libc}, {@code libpthread}, {@code librt}, {@code libm}, {@code libdl},
 * {@code libutil}, {@code libxnet} (any {@code libNAME.*}) and the interpreter's own path name
 * musl's libc.so, which is the dynamic linker itself: no search;</li>
 * <li>a name containing '/' is opened as given;</li>
 * <li>a name already loaded under that file name ({@code shortname}) is not searched again;</li>
 * <li>else {@code LD_LIBRARY_PATH}, then the RUNPATH (else RPATH) of the needing object and of
 * every object up its {@code needed_by} chain — musl inherits both and expands only
 * {@code $ORIGIN}, ignoring a path with any other '$' ({@code fixup_rpath}) — then the
 * directories of {@code <prefix>/etc/ld-musl-ARCH.path} (prefix: the interpreter's path minus its
 * last two components; ':' or newline separated), or {@code /lib:/usr/local/lib:/usr/lib} when
 * that file does not exist.</li>
 * </ul>
 * musl takes the first file it can open ({@code path_open}): one of the wrong class is not
 * skipped, the load fails.
 */
final class MuslRules implements SearchRules {
    /** {@code load_library}'s reserved names, each followed by '.'. */
    private static final List<String> RESERVED = List.of("c.", "pthread.", "rt.", "m.", "dl.", "util.", "xnet.");
    static final String DEFAULT_PATH = "/lib:/usr/local/lib:/usr/lib";

    private final Sysroot sysroot;
    private final LoaderEnvironment env;
    private final String interpreterPath;
    private final List<SearchDir> systemPath;
    private final List<SearchNote> notes = new ArrayList<>();
    private int interpreterIndex = -1;

    MuslRules(Sysroot sysroot, LoaderEnvironment env, String interpreterPath) {
        this.sysroot = sysroot;
        this.env = env;
        this.interpreterPath = interpreterPath;
        this.systemPath = systemPath();
    }

    @Override
    public String name() {
        return "musl";
    }

    void interpreterLoadedAs(int index) {
        this.interpreterIndex = index;
    }

    /** {@code x86_64} from {@code /lib/ld-musl-x86_64.so.1}: the {@code LDSO_ARCH} musl was built for. */
    static String arch(String interpreter) {
        String base = interpreter.substring(interpreter.lastIndexOf('/') + 1);
        int from = base.indexOf("ld-musl-");
        int to = base.indexOf(".so");
        if (from < 0 || to < from + 8) {
            return "";
        }
        return base.substring(from + 8, to);
    }

    /** {@code <prefix>/etc/ld-musl-ARCH.path}, the prefix being the interpreter path minus its last two components. */
    static String pathFile(String interpreter) {
        String prefix = "";
        if (interpreter.startsWith("/")) {
            int last = interpreter.lastIndexOf('/');
            int second = last > 0 ? interpreter.lastIndexOf('/', last - 1) : -1;
            prefix = second > 0 ? interpreter.substring(0, second) : "";
        }
        return prefix + "/etc/ld-musl-" + arch(interpreter) + ".path";
    }

    /**
     * musl reads its path file up to the first NUL ({@code getdelim(..., 0, f)} in
     * {@code load_library}) and keeps the bytes as they are; a file it cannot open for another
     * reason than ENOENT leaves an empty system path. Read here as bytes (a directory whose name
     * is not UTF-8 is still searched; issue 16 item 14), and bounded ({@link SearchBounds}): at most
     * {@value SearchBounds#MAX_PATH_FILE} bytes and {@value SearchBounds#MAX_DIRS} distinct
     * directories, with a note when the file holds more.
     */
    private List<SearchDir> systemPath() {
        String file = pathFile(interpreterPath);
        Optional<Path> found = sysroot.regularFile(file);
        if (found.isPresent()) {
            byte[] text;
            boolean cut;
            try (java.io.InputStream in = Files.newInputStream(found.get())) {
                text = in.readNBytes(SearchBounds.MAX_PATH_FILE);
                cut = text.length == SearchBounds.MAX_PATH_FILE && in.read() >= 0;
            } catch (IOException e) {
                // musl: a path file it cannot read leaves an empty system path
                notes.add(new SearchNote.MuslPathFileUnreadable(file));
                return List.of();
            }
            int end = 0;
            while (end < text.length && text[end] != 0) {
                end++;
            }
            notes.add(new SearchNote.MuslPathFile(file));
            List<SearchDir> dirs = split(RawNames.carried(text, 0, end), Via.MUSL_PATH_FILE, file);
            int[] dropped = {0};
            List<SearchDir> kept = SearchBounds.distinct(dirs, d -> true, SearchBounds.MAX_DIRS, dropped);
            if (cut || dropped[0] > 0) {
                notes.add(new SearchNote.MuslPathFileCut(file, SearchBounds.MAX_PATH_FILE, SearchBounds.MAX_DIRS,
                        kept.size()));
            }
            return kept;
        }
        notes.add(new SearchNote.MuslDefaultPath(file, DEFAULT_PATH));
        return split(DEFAULT_PATH, Via.DEFAULT_DIR, "");
    }

    /** {@code path_open}'s splitting: runs of ':' and newlines separate, empty elements do not exist. */
    private static List<SearchDir> split(String list, Via via, String owner) {
        List<SearchDir> out = new ArrayList<>();
        for (String d : list.split("[:\n]+")) {
            if (!d.isEmpty()) {
                out.add(new SearchDir(d, via, owner));
            }
        }
        return out;
    }

    @Override
    public Expanded expand(String name, Node requester) {
        return Expanded.of(name);
    }

    @Override
    public Optional<Integer> reserved(String name) {
        if (interpreterIndex < 0) {
            return Optional.empty();
        }
        if (name.equals(interpreterPath)) {
            return Optional.of(interpreterIndex);
        }
        if (name.startsWith("lib")) {
            String rest = name.substring(3);
            if (RESERVED.stream().anyMatch(rest::startsWith)) {
                return Optional.of(interpreterIndex);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<SearchStep> plan(Node requester) {
        List<SearchStep> steps = new ArrayList<>();
        env.libraryPath().ifPresent(llp -> steps.addAll(split(llp, Via.LD_LIBRARY_PATH, "")));
        for (Optional<Node> p = Optional.of(requester); p.isPresent(); p = p.get().loader()) {
            Node n = p.get();
            // decode_dyn: DT_RUNPATH, when present, replaces DT_RPATH; both are inherited.
            Optional<String> runpath = n.dynamic().runpath();
            Optional<String> rpath = runpath.or(() -> n.dynamic().rpath());
            if (rpath.isPresent()) {
                Via via = runpath.isPresent() ? Via.RUNPATH : Via.RPATH;
                fixupRpath(rpath.get(), n.origin()).ifPresent(rp -> steps.addAll(split(rp, via, n.path())));
            }
        }
        steps.addAll(systemPath);
        return steps;
    }

    /** {@code fixup_rpath}: only {@code $ORIGIN}/{@code ${ORIGIN}} are known; any other '$' drops the path. */
    static Optional<String> fixupRpath(String rpath, Optional<String> origin) {
        if (rpath.indexOf('$') < 0) {
            return Optional.of(rpath);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < rpath.length()) {
            int t = rpath.indexOf('$', i);
            if (t < 0) {
                out.append(rpath, i, rpath.length());
                break;
            }
            out.append(rpath, i, t);
            int len;
            if (rpath.startsWith("$ORIGIN", t)) {
                len = 7;
            } else if (rpath.startsWith("${ORIGIN}", t)) {
                len = 9;
            } else {
                return Optional.empty();
            }
            if (origin.isEmpty()) {
                return Optional.empty();
            }
            out.append(origin.get());
            i = t + len;
        }
        return Optional.of(out.toString());
    }

    @Override
    public List<String> namesOf(Node loaded, String requestedName) {
        // musl remembers the file name of a library it found by searching (its "shortname").
        if (loaded.found().via() == Via.PATH || loaded.found().via() == Via.PROGRAM
                || loaded.found().via() == Via.OPENED || loaded.found().via() == Via.INTERPRETER) {
            return List.of();
        }
        String p = loaded.path();
        return List.of(p.substring(p.lastIndexOf('/') + 1));
    }

    @Override
    public boolean skipsForeignFiles() {
        return false;
    }

    /** musl's {@code map_library} checks no object type or DF_1_PIE: it maps what it opened. */
    @Override
    public Optional<LoadRefusal> refuses(ElfFile elf) {
        return Optional.empty();
    }

    @Override
    public Unloadable notFound(Optional<Mismatch> foreign) {
        return new Unloadable.NoSuchFile();
    }

    @Override
    public List<SearchNote> notes() {
        return List.copyOf(notes);
    }
}
