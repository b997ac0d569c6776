package org.elfmap.loader;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.elfmap.BadInputException;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;

/** The loader models by name, and which one would load a given file on its own system. */
public final class Loaders {
    public static final List<LoaderModel> ALL = List.of(new GlibcModel(), new MuslModel(), new LinuxKernelModel(),
            new FreeBsd2007Model(), new FreeBsdModel(), new FreeBsdKernelModel(), new BionicModel());

    private Loaders() {
    }

    /**
     * The model a {@code --loader} name spells; bionic takes a release and options
     * ({@code bionic@15+no-pgsize-migration}, {@link BionicOptions}).
     */
    public static Optional<LoaderModel> byName(String name) {
        Optional<BionicOptions> bionic = BionicOptions.parse(name);
        if (bionic.isPresent()) {
            return Optional.of(new BionicModel(bionic.get()));
        }
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public static LoaderModel named(String name) {
        return byName(name).orElseThrow(() -> new BadInputException("--loader", "unknown loader '" + name
                + "' (one of " + names() + ")"));
    }

    public static String names() {
        return ALL.stream().map(LoaderModel::name).collect(Collectors.joining(", "));
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
