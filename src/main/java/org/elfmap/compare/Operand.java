package org.elfmap.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.deps.Closure;
import org.elfmap.deps.ClosureResolver;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.deps.ProgramPrediction;
import org.elfmap.deps.Sysroot;
import org.elfmap.deps.TargetOptions;
import org.elfmap.space.AddressImage;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.Explainer;
import org.elfmap.explain.Source;
import org.elfmap.loader.LoaderModel;
import org.elfmap.space.PageSize;

/**
 * One side of {@code compare}: a running process (digits), an executable (ELF magic: its whole
 * program is predicted, as {@code predict} does), or a capture file / {@code -} (read as
 * {@code explain} reads it). Every side becomes the same {@link AddressImage}, which is what
 * lets any two be compared.
 */
public final class Operand {
    private Operand() {
    }

    /** How executables are predicted and captures read. */
    public record Options(Optional<Path> root, PageSize page, Optional<LoaderModel> loader, LoaderEnvironment env,
                          ExplainOptions explain, TargetOptions target) {
        /** For this machine: $PLATFORM and the hwcap subdirectories as its loader and CPU have them. */
        public Options(Optional<Path> root, PageSize page, Optional<LoaderModel> loader, LoaderEnvironment env,
                       ExplainOptions explain) {
            this(root, page, loader, env, explain, TargetOptions.NONE);
        }
    }

    /** Whether {@code arg} is read as a capture (a file that is not ELF, or {@code -}): what an input format applies to. */
    public static boolean isCapture(String arg, Optional<Path> root) {
        Source s = Source.of(arg);
        return s instanceof Source.Stream || (s instanceof Source.Capture && !isElf(Sysroot.of(root).named(arg)));
    }

    public static AddressImage load(String arg, Options o) {
        Source source = Source.of(arg);
        if (source instanceof Source.Capture c && isElf(Sysroot.of(o.root()).named(arg))) {
            Closure closure = new ClosureResolver(Sysroot.of(o.root()), o.env(), o.target()).resolve(arg);
            return ProgramPrediction.of(closure, o.page(), o.loader()).image();
        }
        return Explainer.explain(source, o.explain());
    }

    /** {@code image} with its source naming the loader it was predicted or read under. */
    public static AddressImage under(AddressImage image, Optional<LoaderModel> loader) {
        String label = image.source() + " under " + loader.map(LoaderModel::name).orElse("its own loader");
        return image.withSource(label);
    }

    private static boolean isElf(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            return false; // explain will say what is wrong with it
        }
    }
}
