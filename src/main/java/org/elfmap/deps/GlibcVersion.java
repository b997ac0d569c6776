package org.elfmap.deps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.BadInputException;
import org.elfmap.loader.LibcVersion;

/**
 * A glibc release, as far as the library search depends on it. The releases that changed it:
 * <ul>
 * <li>2.26: {@code $PLATFORM} on x86-64 may be {@code haswell} or {@code xeon_phi}
 * ({@code sysdeps/x86/cpu-features.c}, {@code init_cpu_features});</li>
 * <li>2.33: {@code glibc-hwcaps/} subdirectories ({@code elf/dl-hwcaps.c},
 * {@code _dl_important_hwcaps}) and their ld.so.cache entries; {@code ld.so --list-diagnostics};</li>
 * <li>2.37: x86-64-v3 needs BMI1 and BMI2 too ({@code sysdeps/x86/get-isa-level.h}); the legacy
 * hwcap subdirectories ({@code tls/}, {@code x86_64/}, {@code haswell/}...) are no longer searched
 * (commit "elf: Remove legacy hwcaps support from the dynamic loader");</li>
 * <li>2.40: ld.so.cache entries of legacy hwcap subdirectories are ignored ({@code elf/dl-cache.c}
 * {@code search_cache}, commit "elf: Remove loading legacy hwcaps/platform entries in dynamic
 * loader").</li>
 * </ul>
 *
 * @param release the release in the loader models' terms ({@code glibc@2.36})
 */
public record GlibcVersion(LibcVersion release) {
    public GlibcVersion(int major, int minor) {
        this(new LibcVersion(major, minor));
    }

    /** What the search rules assume when the target's glibc cannot be read: the newest behaviour. */
    public static final GlibcVersion NEWEST_KNOWN = new GlibcVersion(2, 42);

    /** {@code "stable release version 2.36."} in ld.so and libc.so.6 ({@code csu/version.c}, {@code elf/dl-version}). */
    private static final Pattern RELEASE = Pattern.compile("release version (\\d+)\\.(\\d+)");
    /** {@code 2.36} from {@code --glibc 2.36} (or {@code 2.36.1}). */
    public static GlibcVersion parse(String text) {
        try {
            return new GlibcVersion(LibcVersion.parse(text));
        } catch (BadInputException e) {
            throw new BadInputException("--glibc", "'" + text + "' is not a glibc version like 2.36");
        }
    }

    /**
     * The release a glibc ld.so or libc.so.6 file says it is: both carry the banner
     * {@code ld --version} and {@code libc.so.6} print ({@code "... release version 2.36."}).
     */
    public static Optional<GlibcVersion> of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // The banner lies in .rodata; read in chunks that overlap by the pattern's length.
            byte[] buf = new byte[1 << 16];
            String carry = "";
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0 && total < (64L << 20)) {
                total += n;
                String chunk = carry + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                Matcher m = RELEASE.matcher(chunk);
                if (m.find()) {
                    return Optional.of(new GlibcVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
                carry = chunk.substring(Math.max(0, chunk.length() - 32));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The release in a glibc ld.so or libc.so.6 file's bytes (its banner, as {@link #of(Path)}). */
    public static Optional<GlibcVersion> of(byte[] file) {
        Matcher m = RELEASE.matcher(new String(file, StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(new GlibcVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    public boolean atLeast(int maj, int min) {
        return release.atLeast(maj, min);
    }

    /** {@code glibc-hwcaps/} subdirectories exist (2.33+). */
    public boolean hasGlibcHwcaps() {
        return atLeast(2, 33);
    }

    /** The legacy hwcap subdirectories are searched in every directory (before 2.37). */
    public boolean searchesLegacyHwcaps() {
        return !atLeast(2, 37);
    }

    /** ld.so.cache entries of legacy hwcap subdirectories may be chosen (before 2.40). */
    public boolean honoursLegacyCacheEntries() {
        return !atLeast(2, 40);
    }

    /** {@code haswell}/{@code xeon_phi} replace {@code AT_PLATFORM} on Intel x86-64 (2.26+). */
    public boolean hasX86PlatformFromCpuid() {
        return atLeast(2, 26);
    }

    @Override
    public String toString() {
        return release.toString();
    }
}
