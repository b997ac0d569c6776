package org.elfmap.deps;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.BadInputException;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfFormatException;
import org.elfmap.elf.ElfHeader;
import org.elfmap.loader.Flavor;
import org.elfmap.space.RawNames;

/**
 * Resolves a dependency closure the way the dynamic linker does: glibc {@code elf/dl-deps.c}
 * {@code _dl_map_object_deps} and musl {@code ldso/dynlink.c} {@code load_deps} both walk the
 * objects breadth first, mapping each DT_NEEDED name that is not loaded yet and appending it to
 * the list. An object is loaded once: a name it is already known by, or a search that finds the
 * same file (device and inode), gives the loaded object back.
 *
 * <p>A program is resolved as its start resolves it; a library ({@link Closure.Mode#LIBRARY}) as
 * {@code dlopen} and {@code ldd} ({@code ld.so --list LIB}) resolve it: opened by the path given,
 * its {@code $ORIGIN} that path's directory, its own RPATH/RUNPATH applying to its
 * dependencies, plus the interpreter of a program of its kind.
 */
public final class ClosureResolver {
    private final Sysroot sysroot;
    private final LoaderEnvironment env;
    private final TargetOptions target;
    private final ReadOnce reads;

    public ClosureResolver(Sysroot sysroot, LoaderEnvironment env) {
        this(sysroot, env, TargetOptions.NONE);
    }

    public ClosureResolver(Sysroot sysroot, LoaderEnvironment env, TargetOptions target) {
        this(sysroot, env, target, new ReadOnce());
    }

    /** A resolver that shares {@code reads} with others: for many programs in one run. */
    public ClosureResolver(Sysroot sysroot, LoaderEnvironment env, TargetOptions target, ReadOnce reads) {
        this.sysroot = sysroot;
        this.env = env;
        this.target = target;
        this.reads = reads;
    }

    /** The closure of the file at {@code path} (in the sysroot, or relative to the current directory), mode chosen from the file. */
    public Closure resolve(String path) {
        return new Run(path).resolve(Optional.empty());
    }

    /** The closure of the file at {@code path} taken as {@code mode}. */
    public Closure resolve(String path, Closure.Mode mode) {
        return new Run(path).resolve(Optional.of(mode));
    }

    /**
     * How a file is taken when nobody says: a program when the kernel would start it as one
     * (ET_EXEC, a PIE by {@code DF_1_PIE}, a dynamic linker, or an executable file of type ET_DYN
     * with PT_INTERP and no soname: a PIE linked before DF_1_PIE existed); any other ET_DYN is a
     * library: libc.so.6 too (it has PT_INTERP, but a soname), and a module like pam_cap.so (PT_INTERP,
     * no soname, but no execute permission: nothing starts it as a program).
     */
    public static Closure.Mode modeOf(ElfFile elf, boolean executable) {
        if (elf.header().type() != ElfHeader.ET_DYN || elf.dynamicOrEmpty().isPie() || Flavor.isInterpreter(elf)) {
            return Closure.Mode.PROGRAM;
        }
        if (executable && elf.interpreter().isPresent() && elf.soname().isEmpty()) {
            return Closure.Mode.PROGRAM;
        }
        return Closure.Mode.LIBRARY;
    }

    /** One resolution: the loaded objects and what they are known by, as the loader keeps them. */
    private final class Run {
        private final String path;
        private final List<Node> nodes = new ArrayList<>();
        private final Map<Integer, List<Need>> needs = new HashMap<>();
        private final Map<String, Integer> byName = new HashMap<>();
        private final Map<Object, Integer> byFile = new HashMap<>();
        private final List<Closure.Unresolved> unresolved = new ArrayList<>();
        private final List<SearchNote> notes = new ArrayList<>();
        private ElfTarget target;
        private SearchRules rules;
        private Optional<GlibcSystem> glibc = Optional.empty();
        private Closure.Mode mode;
        /** Set when the loader stopped at a fatal error: nothing after it loads. */
        private boolean stopped;
        /** Each requester's search list, bounded ({@link SearchBounds}): it depends on the requester, not the name. */
        private final Map<Integer, List<SearchStep>> plans = new HashMap<>();
        private final Map<String, Boolean> directories = new HashMap<>();
        private int lookups;
        private boolean cutNoted;

        Run(String path) {
            this.path = path;
        }

        Closure resolve(Optional<Closure.Mode> asked) {
            Path file = sysroot.named(path);
            ElfFile elf = reads.elf(file);
            target = ElfTarget.of(elf);
            mode = asked.orElseGet(() -> modeOf(elf, Files.isExecutable(file)));
            if (mode == Closure.Mode.LIBRARY) {
                return library(file, elf);
            }
            Optional<String> origin = sysroot.realPath(path).map(ClosureResolver::dirname);
            Node program = add(new Node(0, path, file, elf, new Found(path, Via.PROGRAM, ""),
                    Optional.empty(), origin), "");
            Optional<String> interp = elf.interpreter();
            if (interp.isEmpty()) {
                if (!elf.dynamicOrEmpty().needed().isEmpty()) {
                    notes.add(new SearchNote.NoInterpreterButNeeded());
                }
                return finish("static");
            }
            rules = rulesFor(elf, interp.get(), origin);
            registerNames(program);
            loadInterpreter(interp.get(), program);
            walk(program);
            return finish(rules.name());
        }

        /**
         * Library mode: the file is opened by the path given (glibc's {@code _dl_new_object}
         * takes its origin from that path, symlinks unresolved), after the interpreter of a
         * program of its kind: its own PT_INTERP when it has one (libc.so.6), else the
         * standard one for its machine and C library.
         */
        private Closure library(Path file, ElfFile elf) {
            Optional<String> origin = Optional.of(dirname(absolute(path)));
            Node lib = add(new Node(0, path, file, elf, new Found(path, Via.OPENED, ""), Optional.empty(), origin), "");
            boolean musl = Flavor.of(elf) == Flavor.MUSL;
            Optional<String> interp = elf.interpreter()
                    .or(() -> musl ? DefaultInterpreter.musl(target) : DefaultInterpreter.glibc(target));
            if (interp.isEmpty()) {
                throw new BadInputException(path, "no dynamic linker is known for " + target.label()
                        + " libraries: cannot predict what loads it");
            }
            rules = rulesFor(elf, interp.get(), origin);
            registerNames(lib);
            notes.add(new SearchNote.LibraryMode(path, interp.get()));
            loadInterpreter(interp.get(), lib);
            walk(lib);
            return finish(rules.name());
        }

        /** Breadth first over DT_NEEDED from {@code first}, until done or a fatal error. */
        private void walk(Node first) {
            Deque<Node> queue = new ArrayDeque<>();
            queue.add(first);
            while (!queue.isEmpty() && !stopped) {
                Node n = queue.poll();
                List<Need> own = new ArrayList<>();
                for (String name : n.dynamic().needed()) {
                    if (stopped) {
                        break;
                    }
                    int before = nodes.size();
                    Need need = need(name, n);
                    own.add(need);
                    if (nodes.size() > before) {
                        queue.add(nodes.get(nodes.size() - 1));
                    }
                }
                needs.put(n.index(), own);
            }
        }

        private void registerNames(Node n) {
            for (String name : rules.namesOf(n, "")) {
                byName.putIfAbsent(name, n.index());
            }
        }

        private SearchRules rulesFor(ElfFile program, String interp, Optional<String> origin) {
            Flavor flavor = Flavor.of(program);
            if (flavor == Flavor.MUSL) {
                return new MuslRules(sysroot, env, interp);
            }
            List<SearchNote> ruleNotes = new ArrayList<>();
            if (flavor != Flavor.GLIBC) {
                ruleNotes.add(new SearchNote.ForeignInterpreter(interp));
            }
            Optional<Path> interpreter = sysroot.regularFile(interp);
            GlibcSystem system = reads.glibcSystem(target, flavor, interpreter,
                    () -> GlibcSystem.of(target, flavor, interpreter, sysroot, ClosureResolver.this.target, env));
            glibc = Optional.of(system);
            ruleNotes.addAll(system.describe());
            Optional<LdSoCache> cache = readCache(ruleNotes);
            return new GlibcRules(env, system, cache, system.cacheSelection(target), origin, ruleNotes);
        }

        private Optional<LdSoCache> readCache(List<SearchNote> ruleNotes) {
            String path = "/etc/ld.so.cache";
            Optional<Path> file = sysroot.regularFile(path);
            if (file.isEmpty()) {
                ruleNotes.add(new SearchNote.NoCache(path, sysroot.describe()));
                return Optional.empty();
            }
            try {
                ByteOrder order = target.order();
                LdSoCache c = reads.ldSoCache(path, file.get(), order);
                ruleNotes.add(new SearchNote.CacheRead(path, c.entries().size(), c.format()));
                return Optional.of(c);
            } catch (IOException | BadInputException e) {
                ruleNotes.add(new SearchNote.CacheIgnored(path, String.valueOf(e.getMessage())));
                return Optional.empty();
            }
        }

        private void loadInterpreter(String interp, Node program) {
            Optional<Path> found = sysroot.regularFile(interp);
            if (found.isEmpty()) {
                unresolved.add(new Closure.Unresolved(interp, program.path(), new Unloadable.InterpreterMissing(),
                        List.of()));
                return;
            }
            Path f = found.get();
            ElfFile elf;
            try {
                elf = reads.elf(f);
            } catch (ElfFormatException e) {
                unresolved.add(new Closure.Unresolved(interp, program.path(),
                        new Unloadable.InterpreterNotLoadable(String.valueOf(e.getMessage())), List.of()));
                return;
            }
            Optional<Mismatch> wrong = target.mismatch(elf);
            if (wrong.isPresent()) {
                unresolved.add(new Closure.Unresolved(interp, program.path(), new Unloadable.InterpreterForeign(wrong.get()),
                        List.of()));
                return;
            }
            Node n = add(new Node(nodes.size(), interp, f, elf, new Found(interp, Via.INTERPRETER, ""), Optional.empty(),
                    Optional.of(dirname(interp))), interp);
            if (rules instanceof MuslRules m) {
                m.interpreterLoadedAs(n.index());
            }
        }

        private Node add(Node n, String requestedName) {
            nodes.add(n);
            fileKey(n.file()).ifPresent(k -> byFile.putIfAbsent(k, n.index()));
            List<String> names = rules == null ? List.of() : rules.namesOf(n, requestedName);
            if (n.found().via() == Via.INTERPRETER && rules instanceof GlibcRules) {
                names = List.of(n.path(), n.elf().soname().orElse(n.path()));
            }
            for (String name : names) {
                byName.putIfAbsent(name, n.index());
            }
            return n;
        }

        /** One DT_NEEDED entry of {@code requester}: already known, found, or missing. */
        private Need need(String rawName, Node requester) {
            SearchRules.Expanded expanded = rules.expand(rawName, requester);
            if (expanded.name().isEmpty()) {
                return missing(rawName, requester, expanded.problem().orElseThrow(), List.of(), List.of());
            }
            String name = expanded.name().get();
            Optional<Integer> known = rules.reserved(name).or(() -> Optional.ofNullable(byName.get(name)));
            if (known.isPresent()) {
                return new Need.Loaded(rawName, known.get(), false, List.of());
            }
            List<SearchStep> steps = name.contains("/")
                    ? List.of(new PathName(name))
                    : plans.computeIfAbsent(requester.index(), i -> plan(requester));
            List<Skipped> skipped = new ArrayList<>();
            Optional<Mismatch> foreign = Optional.empty();
            for (SearchStep step : steps) {
                for (Found found : step.candidates(name, this::directory)) {
                    if (++lookups > SearchBounds.MAX_LOOKUPS) {
                        return missing(rawName, requester, new Unloadable.LookupBound(SearchBounds.MAX_LOOKUPS),
                                describe(steps), skipped);
                    }
                    Optional<Path> regular = sysroot.regularFile(found.path());
                    if (regular.isEmpty()) {
                        continue; // missing, not a file, or a link loop: the loader's open fails and it searches on
                    }
                    Path file = regular.get();
                    ElfFile elf;
                    try {
                        elf = reads.elf(file);
                    } catch (ElfFormatException e) {
                        // open_verify / map_library: a file that is there but is no loadable ELF ends the search.
                        return missing(rawName, requester,
                                new Unloadable.NotLoadable(found.path(), String.valueOf(e.getMessage())), describe(steps),
                                skipped);
                    }
                    Optional<Mismatch> wrong = target.mismatch(elf);
                    if (wrong.isPresent()) {
                        if (rules.skipsForeignFiles()) {
                            skipped.add(new Skipped(found.path(), wrong.get()));
                            foreign = foreign.or(() -> wrong);
                            continue;
                        }
                        return missing(rawName, requester, new Unloadable.TakenButForeign(found.path(), wrong.get(),
                                rules.name()), describe(steps), skipped);
                    }
                    Optional<LoadRefusal> refusal = rules.refuses(elf);
                    if (refusal.isPresent()) {
                        stopped = true;
                        notes.add(new SearchNote.LoaderStopped(rules.name(), found.path(), refusal.get()));
                        unresolved.add(new Closure.Unresolved(rawName, requester.path(),
                                new Unloadable.Refused(refusal.get()), List.of(found.path())));
                        return new Need.Refused(rawName, found.path(), refusal.get(), skipped);
                    }
                    Optional<Integer> same = fileKey(file).map(byFile::get);
                    if (same.isPresent()) {
                        Node existing = nodes.get(same.get());
                        for (String n : rules.namesOf(new Node(existing.index(), found.path(), file, elf, found,
                                existing.loader(), existing.origin()), name)) {
                            byName.putIfAbsent(n, existing.index());
                        }
                        return new Need.Loaded(rawName, existing.index(), false, skipped);
                    }
                    Node n = add(new Node(nodes.size(), found.path(), file, elf, found, Optional.of(requester),
                            Optional.of(dirname(absolute(found.path())))), name);
                    return new Need.Loaded(rawName, n.index(), true, skipped);
                }
            }
            return missing(rawName, requester, rules.notFound(foreign), describe(steps), skipped);
        }

        private List<SearchStep> plan(Node requester) {
            int[] dropped = {0};
            List<SearchStep> steps = SearchBounds.distinct(rules.plan(requester), SearchBounds::supplied,
                    SearchBounds.MAX_DIRS, dropped);
            if (dropped[0] > 0 && !cutNoted) {
                cutNoted = true;
                notes.add(new SearchNote.SearchListCut(requester.path(), SearchBounds.MAX_DIRS, dropped[0]));
            }
            return steps;
        }

        /** Whether a directory is there, looked at once per resolution (as glibc's open_path keeps its status). */
        private boolean directory(String dir) {
            return directories.computeIfAbsent(dir, sysroot::isDirectory);
        }

        private Need missing(String name, Node requester, Unloadable reason, List<String> searched,
                             List<Skipped> skipped) {
            unresolved.add(new Closure.Unresolved(name, requester.path(), reason, searched));
            return new Need.Missing(name, reason, searched, skipped);
        }

        private Closure finish(String rulesName) {
            List<LoadedObject> out = new ArrayList<>();
            for (Node n : nodes) {
                OptionalInt by = n.loader().map(l -> OptionalInt.of(l.index())).orElse(OptionalInt.empty());
                out.add(new LoadedObject(n.index(), n.path(), n.file(), n.elf(), n.found(), by,
                        needs.getOrDefault(n.index(), List.of())));
            }
            if (rules != null) {
                notes.addAll(0, rules.notes());
            }
            return new Closure(mode, rulesName, out, unresolved, notes, glibc);
        }
    }

    private static List<String> describe(List<SearchStep> steps) {
        return SearchBounds.shown(steps);
    }

    /** Device and inode, as both loaders compare files ({@code _dl_file_id_match_p}, musl's st_dev/st_ino). */
    private static Optional<Object> fileKey(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return Optional.ofNullable(key).or(() -> Optional.of(file.toAbsolutePath().normalize().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String dirname(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** glibc makes a relative name absolute from the current directory before taking its origin. */
    private static String absolute(String path) {
        return path.startsWith("/") ? path
                : RawNames.carried(Path.of("").toAbsolutePath().resolve(RawNames.path(path)).normalize());
    }
}
