package org.elfmap.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.elfmap.elf.Machines;
import org.elfmap.loader.Flavor;

/**
 * What a glibc ld.so brings to the search: its default directories ({@code SYSTEM_DIRS} from
 * {@code elf/gen-trusted-dirs.awk}, which {@code elf/dl-load.c} searches last), the value of
 * {@code $LIB} ({@code DL_DST_LIB}), which ld.so.cache entries fit the process
 * ({@code _DL_CACHE_DEFAULT_ID} and {@code _dl_cache_check_flags} of {@code sysdeps/.../dl-cache.h}),
 * its release ({@link GlibcVersion}: which hwcap subdirectories exist), and what it derives from
 * the CPU ({@link GlibcCpu}: {@code $PLATFORM}, the glibc-hwcaps and legacy subdirectories).
 *
 * <p>The default directories differ between distributions (Debian's multiarch
 * {@code /lib/x86_64-linux-gnu/}, Debian's i386 multilib {@code /lib32/}, upstream's
 * {@code /lib64/}), so they are read from the interpreter itself: ld.so keeps them as one string
 * of NUL-separated directories ending in '/'. {@code $LIB} is the first of them, which is
 * {@code slibdir}, without its slashes.
 *
 * @param dirsReadFrom  the interpreter file the default directories were read from; empty: upstream's
 * @param version       the glibc release of the loader
 * @param versionSource where {@code version} came from
 * @param cpu           {@code $PLATFORM} and the hwcap subdirectories, with their sources
 */
public record GlibcSystem(List<String> systemDirs, String lib, int cacheId, boolean acceptsPlainElf,
                          Optional<String> dirsReadFrom,
                          GlibcVersion version, String versionSource, GlibcCpu cpu) {
    /** {@code FLAG_ELF_LIBC6}: a glibc library in ld.so.cache. */
    static final int FLAG_ELF_LIBC6 = 0x0003;
    static final int FLAG_ELF = 0x0001;
    static final int FLAG_X8664_LIB64 = 0x0300;
    static final int FLAG_X8664_LIBX32 = 0x0800;
    static final int FLAG_AARCH64_LIB64 = 0x0a00;

    public GlibcSystem {
        systemDirs = List.copyOf(systemDirs);
    }

    /** {@code $PLATFORM}. */
    public String platform() {
        return cpu.platform();
    }

    /** The subdirectories tried in every search directory, in order, {@code ""} (the directory itself) last. */
    public List<String> searchSubdirs() {
        return cpu.searchSubdirs(version);
    }

    /** The directories, release, {@code $PLATFORM} and the subdirectories searched, each with where it came from, for the tree's notes. */
    public List<SearchNote> describe() {
        List<SearchNote> out = new ArrayList<>();
        out.add(new SearchNote.DefaultDirs(dirsReadFrom, systemDirs, lib));
        out.add(new SearchNote.Release(version, versionSource));
        out.add(new SearchNote.Platform(platform(), cpu.platformSource()));
        if (version.hasGlibcHwcaps()) {
            out.add(new SearchNote.HwcapsFirst(cpu.hwcapsSubdirs(), cpu.hwcapsSource()));
        }
        if (version.searchesLegacyHwcaps()) {
            List<String> legacy = new ArrayList<>();
            for (String d : searchSubdirs()) {
                if (!d.isEmpty() && !d.startsWith("glibc-hwcaps/")) {
                    legacy.add(d);
                }
            }
            out.add(new SearchNote.LegacyHwcaps(legacy));
        }
        return out;
    }

    /** {@code _dl_cache_check_flags}: x86-64, x32 and AArch64 accept only their own id; others also plain ELF. */
    public boolean acceptsCacheFlags(int flags) {
        return flags == cacheId || (acceptsPlainElf && flags == FLAG_ELF);
    }

    /** How ld.so picks among a name's ld.so.cache entries on this CPU ({@code elf/dl-cache.c} {@code search_cache}). */
    public LdSoCache.Selection cacheSelection(ElfTarget target) {
        long platformMask = 0;
        long platformBit = 0;
        if (target.machine() == Machines.EM_X86_64 || target.machine() == Machines.EM_386) {
            // _DL_HWCAP_PLATFORM: HWCAP_PLATFORMS_COUNT bits from bit 48; x86-64 names start at haswell
            // (HWCAP_PLATFORMS_START, sysdeps/x86/dl-hwcap.h); _dl_string_platform gives -1 for others.
            int start = target.machine() == Machines.EM_X86_64 ? 2 : 0;
            int count = target.machine() == Machines.EM_X86_64 ? 4 : 2;
            platformMask = ((1L << count) - 1) << 48;
            int i = X86CpuRules.PLATFORMS.indexOf(platform());
            platformBit = i >= start && i < count ? 1L << (48 + i) : -1L;
        }
        return new LdSoCache.Selection(this::acceptsCacheFlags, version, cpu.hwcapsSubdirs(), cpu.isaLevels(),
                cpu.legacyHwcapBits(), platformMask, platformBit);
    }

    /** The facts for a process of this kind, read from its interpreter file when it can be; CPU facts of this machine. */
    public static GlibcSystem of(ElfTarget target, Optional<Path> interpreterFile) {
        return of(target, Flavor.GLIBC, interpreterFile, Sysroot.host(), TargetOptions.NONE, LoaderEnvironment.EMPTY);
    }

    /**
     * The facts for a process of this kind whose interpreter is {@code interpreterFile}: the
     * directories and release from that file (or {@code --glibc}); the CPU view from the
     * interpreter itself when it is this machine's and can run here, else from glibc's rules on
     * this machine's CPU flags when the target is this machine's kind, else the kernel's
     * {@code AT_PLATFORM} alone; {@code --platform}/{@code --hwcaps} override.
     *
     * @param flavor the C library of the program whose interpreter this is: only a glibc
     *               program's is ever asked ({@link LdSoDiagnostics#ask})
     */
    public static GlibcSystem of(ElfTarget target, Flavor flavor, Optional<Path> interpreterFile, Sysroot sysroot,
                                 TargetOptions options, LoaderEnvironment env) {
        int id = FLAG_ELF_LIBC6;
        boolean plain = true;
        if (target.machine() == Machines.EM_X86_64) {
            id |= target.is64() ? FLAG_X8664_LIB64 : FLAG_X8664_LIBX32;
            plain = false;
        } else if (target.machine() == Machines.EM_AARCH64 && target.is64()) {
            id |= FLAG_AARCH64_LIB64;
            plain = false;
        }
        // ld.so read once: its default directories and its release both come from its bytes
        Optional<byte[]> ldso = interpreterFile.flatMap(GlibcSystem::read);
        Optional<List<String>> dirs = ldso.flatMap(GlibcSystem::compiledInDirs);
        List<String> d = dirs.orElse(target.is64() ? List.of("/lib64/", "/usr/lib64/") : List.of("/lib/", "/usr/lib/"));
        Optional<String> dirsFrom = dirs.isPresent()
                ? Optional.of(interpreterFile.get().getFileName().toString()) : Optional.empty();
        GlibcVersion version;
        String versionSource;
        Optional<GlibcVersion> read = ldso.flatMap(GlibcVersion::of);
        if (options.glibc().isPresent()) {
            version = options.glibc().get();
            versionSource = "--glibc";
        } else if (read.isPresent()) {
            version = read.get();
            versionSource = "read from " + interpreterFile.get().getFileName();
        } else {
            Optional<Path> libc = Optional.empty();
            for (String dir : d) {
                libc = sysroot.regularFile(dir + "libc.so.6"); // a link loop is no libc, not an error
                if (libc.isPresent()) {
                    break;
                }
            }
            Optional<GlibcVersion> fromLibc = libc.flatMap(GlibcVersion::of);
            version = fromLibc.orElse(GlibcVersion.NEWEST_KNOWN);
            versionSource = fromLibc.isPresent() ? "read from " + libc.get()
                    : "not readable from the target: the newest rules assumed (--glibc to say)";
        }
        GlibcCpu cpu = cpuView(target, flavor, interpreterFile, sysroot, version, env).with(options);
        return new GlibcSystem(d, trimSlashes(d.get(0)), id, plain, dirsFrom, version, versionSource, cpu);
    }

    /**
     * The loader's own answer when it is this machine's (not a sysroot's) and runs here; glibc's
     * rules on this CPU's flags for a target this machine runs; nothing but AT_PLATFORM otherwise.
     */
    private static GlibcCpu cpuView(ElfTarget target, Flavor flavor, Optional<Path> interpreterFile, Sysroot sysroot,
                                    GlibcVersion version, LoaderEnvironment env) {
        if (!HostMachine.runs(target)) {
            return GlibcCpu.compute(target, Optional.empty(), version);
        }
        // /proc/cpuinfo is parsed only when the loader's own answer is not had (or leaves a gap)
        Supplier<GlibcCpu> computed = () -> GlibcCpu.compute(target, CpuFacts.host(), version);
        if (sysroot.root().isPresent() || interpreterFile.isEmpty()) {
            return computed.get();
        }
        Optional<LdSoDiagnostics> asked = LdSoDiagnostics.ask(target, flavor, interpreterFile.get(), env.tunables());
        return asked.isPresent() ? GlibcCpu.fromDiagnostics(target, asked.get(), computed) : computed.get();
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

    /** The interpreter's bytes; empty when it cannot be read or is larger than any ld.so (16 MiB). */
    private static Optional<byte[]> read(Path ldso) {
        try {
            return Files.size(ldso) > 16 << 20 ? Optional.empty() : Optional.of(Files.readAllBytes(ldso));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The first run of at least two NUL-terminated absolute directory names ending in '/': how
     * {@code SYSTEM_DIRS} ({@code "/lib/x86_64-linux-gnu/\0/usr/lib/x86_64-linux-gnu/\0/lib/\0/usr/lib/"})
     * lies in ld.so's read-only data.
     */
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
