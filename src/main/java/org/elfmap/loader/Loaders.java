package org.elfmap.loader;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.elfmap.BadInputException;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;

/**
 * The loader registry: every model by name (aliases and versions included), what system it
 * belongs to, what it maps there, and which one a system uses by default. Every command that
 * chooses a loader asks here ({@link #defaultFor}, {@link #forObject}, {@link #kernelOf}); the
 * C libraries' interpreter names live with {@link Flavor}.
 */
public final class Loaders {
    /** What a loader maps in a process. */
    public enum Role {
        /** Maps the program and its PT_INTERP at exec. */
        KERNEL,
        /** Maps the libraries (and a program run through it as a command). */
        DYNAMIC_LINKER
    }

    /** The operating systems the models belong to. */
    public enum Os {
        LINUX, FREEBSD
    }

    /**
     * One registered model.
     *
     * @param os       the system it belongs to
     * @param flavor   for a dynamic linker, the C library it comes with; empty for a kernel
     * @param role     what it maps
     * @param aliases  other names {@code --loader} accepts for it
     * @param isDefault the one its system (os, flavor, role) uses when nothing says otherwise
     */
    public record Entry(LoaderModel model, Os os, Optional<Flavor> flavor, Role role, List<String> aliases,
                        boolean isDefault) {
        public Entry {
            aliases = List.copyOf(aliases);
        }

        public String name() {
            return model.name();
        }

        boolean answersTo(String name) {
            return model.name().equals(name) || aliases.contains(name);
        }
    }

    private static final List<Entry> ENTRIES = registry();

    /**
     * The default kernel per OS and linker per flavor, picked from the registry once: every file
     * of a layout over a tree asks (a stream over the registry per file was ~10 % of
     * {@code layout --json} over /usr). Absent where the registry has none.
     */
    private static final Map<Os, LoaderModel> KERNELS = new EnumMap<>(Os.class);
    private static final Map<Flavor, LoaderModel> LINKERS = new EnumMap<>(Flavor.class);

    static {
        for (Entry e : ENTRIES) {
            if (!e.isDefault()) {
                continue;
            }
            if (e.role() == Role.KERNEL) {
                KERNELS.putIfAbsent(e.os(), e.model());
            } else if (e.role() == Role.DYNAMIC_LINKER && e.flavor().isPresent()) {
                LINKERS.putIfAbsent(e.flavor().get(), e.model());
            }
        }
    }

    /**
     * Every model once, in the registry's order (what {@code --loader all} lays out), FreeBSD's
     * rtld at its turning points only ({@link FreeBsdRelease#TURNING_POINTS}) and its current
     * kernel; {@code freebsd@N} names the others.
     */
    public static final List<LoaderModel> ALL = ENTRIES.stream().filter(Loaders::inAll).map(Entry::model).toList();

    private Loaders() {
    }

    private static List<Entry> registry() {
        List<Entry> out = new ArrayList<>();
        out.add(linker(new GlibcModel(), Os.LINUX, Flavor.GLIBC));
        out.add(linker(new MuslModel(), Os.LINUX, Flavor.MUSL));
        out.add(kernel(new LinuxKernelModel(), Os.LINUX));
        out.addAll(freebsd());
        out.add(linker(new BionicModel(), Os.LINUX, Flavor.BIONIC));
        return List.copyOf(out);
    }

    /**
     * FreeBSD by release ({@link FreeBsdRelease}): rtld {@code freebsd@6} ... {@code freebsd@15}
     * and kernel {@code freebsd-kernel@6} ... {@code @15}. Aliases: {@code freebsd-2007} is
     * {@code freebsd@7} (the 2007 post's system), {@code freebsd} and {@code freebsd@main} are
     * {@code freebsd@15}, {@code freebsd-kernel} and {@code freebsd-kernel@main} are
     * {@code freebsd-kernel@15}; the current release is FreeBSD's default.
     */
    private static List<Entry> freebsd() {
        List<Entry> out = new ArrayList<>();
        for (int v = FreeBsdRelease.OLDEST; v <= FreeBsdRelease.NEWEST; v++) {
            FreeBsdRelease r = new FreeBsdRelease(v);
            boolean current = r.equals(FreeBsdRelease.CURRENT);
            List<String> aliases = current ? List.of("freebsd", "freebsd@main")
                    : r.equals(FreeBsdRelease.SEED) ? List.of("freebsd-2007") : List.of();
            out.add(new Entry(new FreeBsdRtldModel(r), Os.FREEBSD, Optional.of(Flavor.FREEBSD), Role.DYNAMIC_LINKER,
                    aliases, current));
        }
        for (int v = FreeBsdRelease.OLDEST; v <= FreeBsdRelease.NEWEST; v++) {
            FreeBsdRelease r = new FreeBsdRelease(v);
            boolean current = r.equals(FreeBsdRelease.CURRENT);
            out.add(new Entry(new FreeBsdKernelModel(r), Os.FREEBSD, Optional.empty(), Role.KERNEL,
                    current ? List.of("freebsd-kernel", "freebsd-kernel@main") : List.of(), current));
        }
        return out;
    }

    private static boolean inAll(Entry e) {
        if (e.model() instanceof FreeBsdRtldModel r) {
            return FreeBsdRelease.TURNING_POINTS.contains(r.release());
        }
        return !(e.model() instanceof FreeBsdKernelModel k) || k.release().equals(FreeBsdRelease.CURRENT);
    }

    /** The FreeBSD release a model stands for, when it is one of FreeBSD's. */
    public static Optional<FreeBsdRelease> freebsdRelease(LoaderModel model) {
        if (model instanceof FreeBsdRtldModel r) {
            return Optional.of(r.release());
        }
        if (model instanceof FreeBsdKernelModel k) {
            return Optional.of(k.release());
        }
        return Optional.empty();
    }

    /** FreeBSD's kernel of {@code release}. */
    public static LoaderModel freebsdKernel(FreeBsdRelease release) {
        return named(release.kernelName());
    }

    private static Entry linker(LoaderModel m, Os os, Flavor flavor) {
        return new Entry(m, os, Optional.of(flavor), Role.DYNAMIC_LINKER, List.of(), true);
    }

    private static Entry kernel(LoaderModel m, Os os) {
        return new Entry(m, os, Optional.empty(), Role.KERNEL, List.of(), true);
    }

    /**
     * The model a {@code --loader} name spells. bionic also takes an Android release and what its
     * linker reads besides the file ({@link BionicOptions}: {@code bionic@14},
     * {@code bionic@16+compat}, {@code bionic@15+no-pgsize-migration+sdk=25}); its releases are not
     * registered one by one, so that {@code --loader all} stays one model per loader.
     */
    public static Optional<LoaderModel> byName(String name) {
        Optional<LoaderModel> registered = ENTRIES.stream().filter(e -> e.answersTo(name)).map(Entry::model)
                .findFirst();
        if (registered.isPresent()) {
            return registered;
        }
        return BionicOptions.parse(name).map(BionicModel::new);
    }

    public static LoaderModel named(String name) {
        return byName(name).orElseThrow(() -> new BadInputException("--loader", "unknown loader '" + name
                + "' (one of " + names() + ")"));
    }

    /**
     * What {@code --loader} accepts, for its error message: the models of {@code all}, FreeBSD's
     * releases, every alias the registry holds, and bionic's releases and options.
     */
    public static String names() {
        StringBuilder b = new StringBuilder();
        b.append(ENTRIES.stream().filter(Loaders::inAll).map(Entry::name).collect(Collectors.joining(", ")));
        FreeBsdRelease oldest = new FreeBsdRelease(FreeBsdRelease.OLDEST);
        FreeBsdRelease newest = new FreeBsdRelease(FreeBsdRelease.NEWEST);
        b.append(", ").append(oldest.rtldName()).append(" ... ").append(newest.rtldName())
                .append(", ").append(oldest.kernelName()).append(" ... ").append(newest.kernelName());
        b.append("; aliases ");
        String sep = "";
        for (Entry e : ENTRIES) {
            for (String alias : e.aliases()) {
                b.append(sep).append(alias).append(" = ").append(e.name());
                sep = ", ";
            }
        }
        b.append(sep).append("bionic = bionic@").append(BionicRelease.newest().version());
        b.append("; bionic@").append(BionicOptions.releases().replace(", ", ", bionic@"))
                .append(", each with +compat, +sdk=N, +no-pgsize-migration");
        return b.toString();
    }

    /** The models {@code --loader a,b,all} names, in that order; {@code all} is every model. */
    public static List<LoaderModel> chosen(List<String> names) {
        List<LoaderModel> out = new ArrayList<>();
        for (String n : names) {
            if (n.trim().equals("all")) {
                return ALL;
            }
            out.add(named(n.trim()));
        }
        return out;
    }

    /**
     * The kernel that execs a program whose libraries {@code linker} maps: a FreeBSD rtld of a
     * named release comes with that release's kernel ({@code --loader freebsd@10} predicts and
     * checks the whole process as FreeBSD 10 had it); otherwise the flavor's own kernel.
     */
    public static LoaderModel kernelOf(Flavor flavor, Optional<LoaderModel> linker) {
        return linker.flatMap(Loaders::freebsdRelease).map(Loaders::freebsdKernel).orElseGet(() -> kernelOf(flavor));
    }

    /** The kernel that execs programs of this flavor: FreeBSD's for FreeBSD files, Linux's for the rest. */
    public static LoaderModel kernelOf(Flavor flavor) {
        return registered(KERNELS.get(flavor.os()));
    }

    /** The dynamic linker that maps libraries of this flavor (glibc's when the flavor is unknown). */
    public static LoaderModel linkerOf(Flavor flavor) {
        Flavor f = flavor == Flavor.UNKNOWN ? Flavor.GLIBC : flavor;
        return registered(LINKERS.get(f));
    }

    private static LoaderModel registered(LoaderModel m) {
        if (m == null) {
            throw new IllegalStateException("no default loader registered");
        }
        return m;
    }

    /**
     * The loader that maps this file on the system it was built for: the kernel for programs and
     * dynamic linkers (which the kernel maps as PT_INTERP), the C library's linker for libraries.
     */
    public static LoaderModel defaultFor(ElfFile elf) {
        return forObject(elf, Flavor.of(elf), Optional.empty());
    }

    /**
     * The loader that maps {@code elf} in a process of {@code flavor} (known from the interpreter
     * seen among the objects, or the file's own) whose libraries {@code linker} maps when given:
     * see {@link #forRole}, with the kernel's part decided by {@link #isProgram}.
     */
    public static LoaderModel forObject(ElfFile elf, Flavor flavor, Optional<LoaderModel> linker) {
        return forRole(isProgram(elf), flavor, linker);
    }

    /**
     * The loader of an object the kernel maps ({@code execed}: the program and its interpreter)
     * or not: the kernel that goes with {@code linker} ({@link #kernelOf(Flavor, Optional)}), else
     * {@code linker} itself, else the flavor's own linker. For a caller that knows how the object
     * came into the process (predict's closure) rather than guessing it from the file.
     */
    public static LoaderModel forRole(boolean execed, Flavor flavor, Optional<LoaderModel> linker) {
        return execed ? kernelOf(flavor, linker) : linker.orElseGet(() -> linkerOf(flavor));
    }

    /**
     * Mapped by the kernel: ET_EXEC, a PIE (DF_1_PIE, or PT_INTERP without a soname), a static
     * PIE, or a dynamic linker itself.
     */
    public static boolean isProgram(ElfFile elf) {
        int type = elf.header().type();
        if (type == ElfHeader.ET_EXEC) {
            return true;
        }
        if (type != ElfHeader.ET_DYN) {
            return false;
        }
        if (Flavor.isInterpreter(elf) || elf.dynamicOrEmpty().isPie()) {
            return true;
        }
        // A PIE has PT_INTERP; so do libraries that can also be run (libc.so.6), but those have
        // a soname, which programs do not.
        return elf.interpreter().isPresent() && elf.soname().isEmpty();
    }
}
