package org.elfmap.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.Machines;

/**
 * What a glibc ld.so has compiled in: its default directories ({@code SYSTEM_DIRS} from
 * {@code elf/gen-trusted-dirs.awk}, which {@code elf/dl-load.c} searches last), the value of
 * {@code $LIB} ({@code DL_DST_LIB}), {@code $PLATFORM} (the kernel's {@code AT_PLATFORM}) and
 * which ld.so.cache entries fit the process ({@code _DL_CACHE_DEFAULT_ID} and
 * {@code _dl_cache_check_flags} of {@code sysdeps/.../dl-cache.h}).
 *
 * <p>The default directories differ between distributions (Debian's multiarch
 * {@code /lib/x86_64-linux-gnu/}, Debian's i386 multilib {@code /lib32/}, upstream's
 * {@code /lib64/}), so they are read from the interpreter itself: ld.so keeps them as one string
 * of NUL-separated directories ending in '/'. {@code $LIB} is the first of them, which is
 * {@code slibdir}, without its slashes.
 *
 * @param source where the facts came from, for the tree's header
 */
public record GlibcSystem(List<String> systemDirs, String lib, String platform, int cacheId, boolean acceptsPlainElf,
                          String source) {
    /** {@code FLAG_ELF_LIBC6}: a glibc library in ld.so.cache. */
    static final int FLAG_ELF_LIBC6 = 0x0003;
    static final int FLAG_ELF = 0x0001;
    static final int FLAG_X8664_LIB64 = 0x0300;
    static final int FLAG_X8664_LIBX32 = 0x0800;
    static final int FLAG_AARCH64_LIB64 = 0x0a00;

    public GlibcSystem {
        systemDirs = List.copyOf(systemDirs);
    }

    /** {@code _dl_cache_check_flags}: x86-64, x32 and AArch64 accept only their own id; others also plain ELF. */
    public boolean acceptsCacheFlags(int flags) {
        return flags == cacheId || (acceptsPlainElf && flags == FLAG_ELF);
    }

    /** The facts for a process of this kind, read from its interpreter file when it can be. */
    public static GlibcSystem of(ElfTarget target, Optional<Path> interpreterFile) {
        int id = FLAG_ELF_LIBC6;
        boolean plain = true;
        if (target.machine() == Machines.EM_X86_64) {
            id |= target.is64() ? FLAG_X8664_LIB64 : FLAG_X8664_LIBX32;
            plain = false;
        } else if (target.machine() == Machines.EM_AARCH64 && target.is64()) {
            id |= FLAG_AARCH64_LIB64;
            plain = false;
        }
        String platform = platform(target);
        Optional<List<String>> dirs = interpreterFile.flatMap(GlibcSystem::compiledInDirs);
        if (dirs.isPresent()) {
            List<String> d = dirs.get();
            return new GlibcSystem(d, trimSlashes(d.get(0)), platform, id, plain,
                    "default dirs read from " + interpreterFile.get().getFileName());
        }
        List<String> fallback = target.is64() ? List.of("/lib64/", "/usr/lib64/") : List.of("/lib/", "/usr/lib/");
        return new GlibcSystem(fallback, trimSlashes(fallback.get(0)), platform, id, plain,
                "upstream glibc's default dirs (the interpreter could not be read)");
    }

    /** {@code AT_PLATFORM} as a Linux kernel on this machine would pass it. */
    static String platform(ElfTarget t) {
        return switch (t.machine()) {
            case Machines.EM_X86_64 -> "x86_64";
            case Machines.EM_386 -> "i686";
            case Machines.EM_AARCH64 -> "aarch64";
            case Machines.EM_ARM -> "v7l";
            default -> Machines.name(t.machine());
        };
    }

    private static String trimSlashes(String dir) {
        String s = dir;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * The first run of at least two NUL-terminated absolute directory names ending in '/': how
     * {@code SYSTEM_DIRS} ({@code "/lib/x86_64-linux-gnu/\0/usr/lib/x86_64-linux-gnu/\0/lib/\0/usr/lib/"})
     * lies in ld.so's read-only data.
     */
    static Optional<List<String>> compiledInDirs(Path ldso) {
        byte[] b;
        try {
            if (Files.size(ldso) > 16 << 20) {
                return Optional.empty();
            }
            b = Files.readAllBytes(ldso);
        } catch (IOException e) {
            return Optional.empty();
        }
        return compiledInDirs(b);
    }

    static Optional<List<String>> compiledInDirs(byte[] b) {
        int i = 0;
        while (i < b.length) {
            if (b[i] == '/' && (i == 0 || b[i - 1] == 0)) {
                List<String> run = new ArrayList<>();
                int at = i;
                while (true) {
                    int end = dirStringEnd(b, at);
                    if (end < 0) {
                        break;
                    }
                    run.add(new String(b, at, end - at, StandardCharsets.US_ASCII));
                    at = end + 1;
                }
                if (run.size() >= 2 && run.stream().allMatch(d -> d.contains("lib"))) {
                    return Optional.of(run);
                }
                i = Math.max(at, i + 1);
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    /** End (the NUL) of a directory name like {@code /usr/lib32/} starting at {@code at}, or -1. */
    private static int dirStringEnd(byte[] b, int at) {
        if (at >= b.length || b[at] != '/') {
            return -1;
        }
        int k = at;
        while (k < b.length && b[k] != 0) {
            byte c = b[k];
            boolean ok = c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || (c >= '0' && c <= '9')
                    || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!ok || k - at > 255) {
                return -1;
            }
            k++;
        }
        if (k >= b.length || k - at < 2 || b[k - 1] != '/') {
            return -1;
        }
        return k;
    }
}
