package org.elfmap.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.DynamicInfo;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;

/**
 * glibc's ld.so (2.36 here), {@code elf/dl-load.c} {@code _dl_map_object}: a name without '/' is
 * looked for in
 * <ol>
 * <li>the DT_RPATH of the object that needs it, of the object that loaded that one, and on up to
 * the program ({@code l_loader} chain) — only when the needing object has no DT_RUNPATH, and an
 * object with both contributes none ({@code elf/get-dynamic-info.h} drops DT_RPATH then);</li>
 * <li>{@code LD_LIBRARY_PATH} (':' or ';' separated, tokens expanded with the program's origin);</li>
 * <li>the needing object's own DT_RUNPATH (never inherited);</li>
 * <li>{@code /etc/ld.so.cache} ({@code elf/dl-cache.c});</li>
 * <li>the compiled-in default directories.</li>
 * </ol>
 * Path lists are split by {@code decompose_rpath}/{@code fillin_rpath}: an empty element is the
 * current directory, tokens are expanded per element ({@code _dl_dst_substitute}), repeated
 * directories are searched once. {@code DF_1_NODEFLIB} on the needing object skips the cache's
 * entries in default directories and the default directories themselves.
 *
 * <p>In every directory of every step but the cache, {@code open_path} first tries the hwcap
 * subdirectories ({@link GlibcSystem#searchSubdirs}): the glibc-hwcaps ones the CPU supports, and
 * before glibc 2.37 the legacy {@code tls/}, platform and hwcap combinations.
 */
final class GlibcRules implements SearchRules {
    /** {@code DF_1_NODEFLIB}: "ignore default library search path". */
    static final long DF_1_NODEFLIB = 0x800;

    private final LoaderEnvironment env;
    private final GlibcSystem system;
    private final Optional<LdSoCache> cache;
    private final LdSoCache.Selection selection;
    private final Optional<String> programOrigin;
    private final List<String> subdirs;
    private final List<SearchNote> notes;

    GlibcRules(LoaderEnvironment env, GlibcSystem system, Optional<LdSoCache> cache, LdSoCache.Selection selection,
               Optional<String> programOrigin, List<SearchNote> notes) {
        this.env = env;
        this.system = system;
        this.cache = cache;
        this.selection = selection;
        this.programOrigin = programOrigin;
        this.subdirs = system.searchSubdirs();
        this.notes = List.copyOf(notes);
    }

    @Override
    public String name() {
        return "glibc";
    }

    GlibcSystem system() {
        return system;
    }

    @Override
    public Expanded expand(String name, Node requester) {
        if (!DynamicStringTokens.hasToken(name)) {
            return Expanded.of(name);
        }
        // elf/dl-deps.c expand_dst: DT_NEEDED may hold tokens, expanded for the needing object.
        return tokens(requester.origin()).expand(name).map(Expanded::of)
                .orElseGet(() -> Expanded.failed(new Unloadable.EmptyTokenSubstitution(name)));
    }

    @Override
    public Optional<Integer> reserved(String name) {
        return Optional.empty();
    }

    @Override
    public List<SearchStep> plan(Node requester) {
        List<SearchStep> steps = new ArrayList<>();
        DynamicInfo dyn = requester.dynamic();
        if (dyn.runpath().isEmpty()) {
            for (Optional<Node> l = Optional.of(requester); l.isPresent(); l = l.get().loader()) {
                Node n = l.get();
                // An object with DT_RUNPATH has its DT_RPATH ignored (elf/get-dynamic-info.h).
                if (n.dynamic().runpath().isEmpty() && n.dynamic().rpath().isPresent()) {
                    steps.addAll(dirs(n.dynamic().rpath().get(), ":", Via.RPATH, n.path(), n.origin()));
                }
            }
        }
        env.libraryPath().ifPresent(llp -> {
            // _dl_init_paths expands the whole variable for the program, then splits on ":;".
            tokens(programOrigin).expand(llp).ifPresent(expanded ->
                    steps.addAll(dirs(expanded, ":;", Via.LD_LIBRARY_PATH, "", Optional.empty())));
        });
        dyn.runpath().ifPresent(rp -> steps.addAll(dirs(rp, ":", Via.RUNPATH, requester.path(), requester.origin())));
        boolean nodeflib = (dyn.flags1() & DF_1_NODEFLIB) != 0;
        cache.ifPresent(c -> steps.add(new CacheLookup(c, selection, nodeflib ? system.systemDirs() : List.of())));
        if (!nodeflib) {
            for (String d : system.systemDirs()) {
                steps.add(new SearchDir(d, Via.DEFAULT_DIR, "", subdirs));
            }
        }
        return steps; // a directory named again is searched once: SearchBounds.distinct (fillin_rpath)
    }

    /** {@code fillin_rpath}: split, expand each element, drop discarded ones, strip trailing slashes. */
    private List<SearchDir> dirs(String list, String separators, Via via, String owner, Optional<String> origin) {
        List<SearchDir> out = new ArrayList<>();
        DynamicStringTokens t = tokens(origin);
        for (String element : list.split("[" + separators + "]", -1)) {
            if (element.isEmpty()) {
                out.add(new SearchDir("", via, owner, subdirs));
                continue;
            }
            Optional<String> dir = via == Via.LD_LIBRARY_PATH ? Optional.of(element) : t.expand(element);
            dir.filter(d -> !d.isEmpty()).ifPresent(d -> out.add(new SearchDir(SearchBounds.key(d), via, owner, subdirs)));
        }
        return out;
    }

    private DynamicStringTokens tokens(Optional<String> origin) {
        return new DynamicStringTokens(origin, system.lib(), system.platform());
    }

    @Override
    public List<String> namesOf(Node loaded, String requestedName) {
        List<String> names = new ArrayList<>();
        if (loaded.found().via() != Via.PROGRAM) {
            names.add(loaded.path());
        }
        if (!requestedName.isEmpty()) {
            names.add(requestedName);
        }
        loaded.elf().soname().ifPresent(names::add);
        return names;
    }

    @Override
    public boolean skipsForeignFiles() {
        return true;
    }

    /**
     * {@code _dl_map_object_from_fd} ({@code elf/dl-load.c}) refuses, for any object not opened
     * as the main program ({@code __RTLD_OPENEXEC}), an ET_EXEC file ("cannot dynamically load
     * executable") and, after mapping it, a PIE ({@code DF_1_PIE}: "cannot dynamically load
     * position-independent executable").
     */
    @Override
    public Optional<LoadRefusal> refuses(ElfFile elf) {
        if (elf.header().type() != ElfHeader.ET_DYN) {
            return Optional.of(LoadRefusal.EXECUTABLE);
        }
        if (elf.dynamicOrEmpty().isPie()) {
            return Optional.of(LoadRefusal.PIE);
        }
        return Optional.empty();
    }

    @Override
    public Unloadable notFound(Optional<Mismatch> foreign) {
        return new Unloadable.NotFound(foreign);
    }

    @Override
    public List<SearchNote> notes() {
        return notes;
    }
}
