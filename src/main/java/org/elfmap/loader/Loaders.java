package org.elfmap.loader;

import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;

/**
 * The loader models by name, and which one would load a given file on its own system. FreeBSD's
 * are versioned: {@code freebsd@N} (rtld) and {@code freebsd-kernel@N} (exec) for N from 6 to 15
 * ({@code @main} is 15); {@code freebsd-2007} is {@code freebsd@7} (the 2007 post's system),
 * {@code freebsd} is {@code freebsd@15} and {@code freebsd-kernel} is {@code freebsd-kernel@15}.
 */
public final class Loaders {
    /** The models {@code --loader all} shows: one per loader, FreeBSD's rtld at three turning points. */
    public static final List<LoaderModel> ALL = List.of(new GlibcModel(), new MuslModel(), new LinuxKernelModel(),
            freebsdRtld(FreeBsdRelease.SEED), freebsdRtld(new FreeBsdRelease(10)), freebsdRtld(FreeBsdRelease.CURRENT),
            freebsdKernel(FreeBsdRelease.CURRENT), new BionicModel());

    /** Names that stand for a versioned model. */
    private static final java.util.Map<String, String> ALIASES = java.util.Map.of(
            "freebsd-2007", FreeBsdRelease.SEED.rtldName(),
            "freebsd", FreeBsdRelease.CURRENT.rtldName(),
            "freebsd-kernel", FreeBsdRelease.CURRENT.kernelName());

    private Loaders() {
    }

    public static Optional<LoaderModel> byName(String name) {
        String n = ALIASES.getOrDefault(name, name);
        int at = n.indexOf('@');
        if (at > 0) {
            String family = n.substring(0, at);
            Optional<FreeBsdRelease> release = FreeBsdRelease.parse(n.substring(at + 1));
            if (family.equals("freebsd")) {
                return release.map(Loaders::freebsdRtld);
            }
            if (family.equals("freebsd-kernel")) {
                return release.map(Loaders::freebsdKernel);
            }
            return Optional.empty();
        }
        return ALL.stream().filter(m -> m.name().equals(n)).findFirst();
    }

    public static LoaderModel freebsdRtld(FreeBsdRelease release) {
        return new FreeBsdRtldModel(release);
    }

    public static LoaderModel freebsdKernel(FreeBsdRelease release) {
        return new FreeBsdKernelModel(release);
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

    public static LoaderModel named(String name) {
        return byName(name).orElseThrow(() -> new BadInputException("--loader", "unknown loader '" + name
                + "' (one of " + names() + ")"));
    }

    public static String names() {
        return "glibc, musl, linux-kernel, bionic, freebsd@6 ... freebsd@15 (freebsd@main), freebsd-kernel@6 ..."
                + " freebsd-kernel@15, freebsd-2007 (= freebsd@7), freebsd (= freebsd@15), freebsd-kernel"
                + " (= freebsd-kernel@15)";
    }

    /**
     * The loader that maps this file on the system it was built for: the kernel for programs and
     * dynamic linkers (which the kernel maps as PT_INTERP), the C library's linker for libraries.
     */
    public static LoaderModel defaultFor(ElfFile elf) {
        Flavor flavor = Flavor.of(elf);
        boolean program = isProgram(elf);
        if (flavor == Flavor.FREEBSD) {
            return named(program ? "freebsd-kernel" : "freebsd");
        }
        if (program) {
            return named("linux-kernel");
        }
        return switch (flavor) {
            case MUSL -> named("musl");
            case BIONIC -> named("bionic");
            default -> named("glibc");
        };
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
