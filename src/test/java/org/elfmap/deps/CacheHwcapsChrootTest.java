package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.LdSoList;
import org.elfmap.testkit.RealLoader;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ld.so.cache entries of hwcap subdirectories, against the real thing: a sysroot holding this
 * machine's ld.so and libc and the fixture libraries in {@code /opt/lib} (plain, in
 * {@code glibc-hwcaps/x86-64-v2..v4}, and in the legacy {@code tls/}, {@code x86_64/},
 * {@code haswell/}, {@code xeon_phi/}, {@code avx512_1/}), its cache written by this machine's
 * {@code ldconfig -r}, and the loader run inside it by {@code chroot} ({@code unshare -r} when not
 * root). elfmap reads the same sysroot with {@code --root}, so it does not ask the loader: the CPU
 * view comes from glibc's rules on /proc/cpuinfo, and the cache choice from {@code search_cache}.
 */
class CacheHwcapsChrootTest {
    private static final String[] LIBS = {"h", "p", "t", "v"};

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void sysroot() throws IOException {
        Path ldso = RealLoader.require();
        Path fixtures = Fixtures.dir("deps");
        Path app = fixtures.resolve("bin/app-hwcaps");
        String libc = LdSoList.list(app, Map.of()).lines().stream().filter(l -> l.name().equals("libc.so.6"))
                .map(LdSoList.Line::path).findFirst().orElseThrow();
        root = tmp.resolve("root");
        copy(ldso, root.resolve("lib64/ld-linux-x86-64.so.2"));
        copy(Path.of(libc), root.resolve(libc.substring(1)));
        copy(app, root.resolve("bin/app-hwcaps"));
        Path opt = root.resolve("opt/lib");
        for (String l : LIBS) {
            Path lib = fixtures.resolve("lib/libdr_" + l + ".so");
            copy(lib, opt.resolve(lib.getFileName()));
        }
        for (String d : List.of("glibc-hwcaps/x86-64-v4", "glibc-hwcaps/x86-64-v3", "glibc-hwcaps/x86-64-v2")) {
            copy(fixtures.resolve("lib/libdr_h.so"), opt.resolve(d + "/libdr_h.so"));
        }
        for (String d : List.of("haswell", "xeon_phi", "x86_64")) {
            copy(fixtures.resolve("lib/libdr_p.so"), opt.resolve(d + "/libdr_p.so"));
        }
        copy(fixtures.resolve("lib/libdr_t.so"), opt.resolve("tls/libdr_t.so"));
        for (String d : List.of("avx512_1", "x86_64")) {
            copy(fixtures.resolve("lib/libdr_v.so"), opt.resolve(d + "/libdr_v.so"));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/ld.so.conf"), "/opt/lib\n");
        RealLoader.Run made = RealLoader.exec(List.of(Tools.ldconfig().toString(), "-r", root.toString()), Map.of());
        assertThat(made.exitCode()).as(made.stderr()).isZero();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** {@code ld.so --list /bin/app-hwcaps} inside the sysroot; skips when this user may not chroot. */
    private LdSoList.Result inside() {
        List<String> list = List.of("/lib64/ld-linux-x86-64.so.2", "--list", "/bin/app-hwcaps");
        for (List<String> prefix : List.of(List.of("chroot", root.toString()), List.of("unshare", "-r", "chroot",
                root.toString()))) {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(list);
            RealLoader.Run r;
            try {
                r = RealLoader.exec(cmd, Map.of());
            } catch (RuntimeException e) {
                continue;
            }
            if (r.exitCode() == 0) {
                return LdSoList.parse(r.exitCode(), r.stdout());
            }
        }
        Assumptions.abort("cannot chroot into the test sysroot (neither root nor user namespaces)");
        throw new AssertionError();
    }

    @Test
    void theCacheEntryTheLoaderTakesIsThePredictedOne() {
        LdSoList.Result real = inside();
        Closure c = new ClosureResolver(Sysroot.at(root), LoaderEnvironment.EMPTY).resolve("/bin/app-hwcaps");
        assertThat(c.libraries()).filteredOn(o -> o.name().startsWith("libdr_"))
                .allSatisfy(o -> assertThat(o.found().via()).isEqualTo(Via.LD_SO_CACHE));
        assertThat(ClosureResolverTest.lines(c)).containsExactlyElementsOf(real.lines());
        assertThat(c.glibc().orElseThrow().cpu().platformSource()).doesNotContain("--list-diagnostics");
    }

    /**
     * The choices for other CPUs and releases ({@link LdSoCacheTest#cacheChoicesForOtherCpusAndReleases})
     * on the cache this machine's ldconfig wrote; skipped when it has no legacy entries (glibc 2.37+).
     */
    @Test
    void cacheChoicesOnTheCacheThisMachinesLdconfigWrites() throws Exception {
        Path file = root.resolve("etc/ld.so.cache");
        LdSoCache cache = LdSoCache.parse("/etc/ld.so.cache", Files.readAllBytes(file), ByteOrder.LITTLE_ENDIAN);
        Assumptions.assumeTrue(cache.entries().stream().anyMatch(e -> !e.namedHwcap() && e.hwcap() != 0),
                "this machine's ldconfig writes no legacy hwcap entries (glibc 2.37+): the committed 2.36 cache covers them");
        assertThat(LdSoCacheTest.readAsLdconfigLists(cache, file)).anyMatch(l -> l.contains("hwcap: 0x8000000000000000"));
        LdSoCacheTest.choicesForOtherCpusAndReleases(cache);
    }
}
