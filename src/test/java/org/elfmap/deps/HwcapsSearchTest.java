package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.elf.Machines;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.LdSoList;
import org.elfmap.testkit.RealLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $PLATFORM}, the glibc-hwcaps subdirectories and the legacy hwcap subdirectories, against
 * this machine's own ld.so: what it says about itself ({@code --list-diagnostics}, {@code --help}),
 * the order in which it tries directories ({@code LD_DEBUG=libs}), and which copy of a library
 * installed in several subdirectories it loads. Whatever this CPU is (AMD or Intel, with or without
 * AVX2 or AVX-512), the expected answers are the loader's.
 */
class HwcapsSearchTest {
    static final ElfTarget AMD64 = new ElfTarget(64, Machines.EM_X86_64, ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path tmp;

    static GlibcSystem hostSystem() {
        return GlibcSystem.of(AMD64, Optional.of(RealLoader.require()));
    }

    @Test
    void platformIsTheOneTheLoaderComputes() {
        GlibcSystem s = hostSystem();
        assertThat(s.platform()).isEqualTo(RealLoader.platform());
        assertThat(s.cpu().platformSource()).startsWith("ld.so --list-diagnostics");
    }

    @Test
    void versionIsTheLoadersOwn() {
        assertThat(hostSystem().version().toString()).isEqualTo(RealLoader.version());
    }

    /**
     * glibc's rules applied to /proc/cpuinfo's flags give what the loader derives from CPUID on
     * this very CPU: the same $PLATFORM, the same supported glibc-hwcaps subdirectories, the same
     * legacy hwcap bits. This is the path taken for sysroots, where the loader is not asked.
     */
    @Test
    void glibcsRuleOnThisCpusFlagsAgreesWithTheLoader() {
        Map<String, String> diag = RealLoader.diagnostics();
        CpuFacts cpu = CpuFacts.host().orElseThrow();
        GlibcCpu computed = GlibcCpu.compute(AMD64, Optional.of(cpu), GlibcVersion.parse(RealLoader.version()));
        assertThat(computed.platform()).as("dl_platform on %s", cpu.vendor()).isEqualTo(diag.get("dl_platform"));
        long bits = Long.decode(diag.get("dl_hwcap")) & Long.decode(diag.get("dl_hwcap_important"));
        assertThat(computed.legacyHwcapBits()).isEqualTo(bits);
        assertThat(computed.isaLevels()).isEqualTo(Integer.decode(diag.get("x86.cpu_features.isa_1")));
        List<String> names = List.of(diag.get("dl_hwcaps_subdirs").split(":"));
        long active = Long.decode(diag.get("dl_hwcaps_subdirs_active"));
        List<String> supported = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if ((active & (1L << i)) != 0) {
                supported.add(names.get(i));
            }
        }
        assertThat(computed.hwcapsSubdirs()).isEqualTo(supported);
    }

    @Test
    void supportedHwcapsSubdirectoriesAreTheOnesLdSoHelpSearches() {
        List<String> searched = RealLoader.helpSection("Subdirectories of glibc-hwcaps directories").stream()
                .filter(l -> l.endsWith("(supported, searched)")).map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertThat(hostSystem().cpu().hwcapsSubdirs()).containsExactlyElementsOf(searched);
    }

    @Test
    void legacyComponentsAreTheOnesLdSoHelpSearches() {
        GlibcSystem s = hostSystem();
        Assumptions.assumeTrue(s.version().searchesLegacyHwcaps(), "glibc 2.37+ searches no legacy subdirectories");
        // "x86_64 (AT_PLATFORM; supported, searched)", "tls (supported, searched)", "avx512_1", "x86_64 (supported, searched)"
        List<String> searched = RealLoader.helpSection("Legacy HWCAP subdirectories").stream()
                .filter(l -> l.contains("searched")).map(l -> l.substring(0, l.indexOf(' '))).sorted().toList();
        List<String> ours = new ArrayList<>(s.cpu().legacyHwcaps());
        ours.add(s.platform());
        ours.add("tls");
        assertThat(ours.stream().sorted().toList()).isEqualTo(searched);
    }

    /** The whole list of subdirectories, in order, as the loader walks a RUNPATH directory. */
    @Test
    void everyDirectoryIsSearchedWithItsSubdirectoriesInTheLoadersOrder() {
        Path root = Fixtures.copy("deps", tmp.resolve("order"));
        List<String> real = RealLoader.firstSearchPath(root.resolve("bin/app-runpath"));
        String dir = root + "/bin/../lib";
        List<String> ours = hostSystem().searchSubdirs().stream().map(s -> s.isEmpty() ? dir : dir + "/" + s).toList();
        assertThat(ours).containsExactlyElementsOf(real);
    }

    /** A library in glibc-hwcaps/x86-64-v{2,3,4}, in legacy platform, hwcap and tls subdirectories, and plain. */
    @Test
    void theCopyTheLoaderPicksIsTheOnePredicted() {
        Path program = Fixtures.copy("deps", tmp.resolve("pick")).resolve("bin/app-hwcaps");
        LdSoList.Result real = LdSoList.list(program, Map.of());
        assertThat(real.exitCode()).as(real.output()).isZero();
        Closure c = ClosureResolverTest.resolve(program);
        assertThat(ClosureResolverTest.lines(c)).containsExactlyElementsOf(real.lines());
    }

    /**
     * Other glibc releases, on this CPU: 2.37 dropped the legacy subdirectories (commit "elf:
     * Remove legacy hwcaps support from the dynamic loader"), 2.33 introduced glibc-hwcaps.
     */
    @Test
    void theGlibcReleaseDecidesWhichSubdirectoriesExist() {
        Path root = Fixtures.copy("deps", tmp.resolve("release"));
        String lib = root + "/bin/../lib/";
        GlibcCpu cpu = hostSystem().cpu();
        Closure newer = resolve(root.resolve("bin/app-hwcaps"), TargetOptions.parse(null, "2.37", null));
        assertThat(path(newer, "libdr_p.so")).isEqualTo(lib + "libdr_p.so");
        assertThat(path(newer, "libdr_t.so")).isEqualTo(lib + "libdr_t.so");
        assertThat(path(newer, "libdr_v.so")).isEqualTo(lib + "libdr_v.so");
        assertThat(path(newer, "libdr_h.so")).isEqualTo(cpu.hwcapsSubdirs().isEmpty() ? lib + "libdr_h.so"
                : lib + "glibc-hwcaps/" + cpu.hwcapsSubdirs().get(0) + "/libdr_h.so");
        Closure older = resolve(root.resolve("bin/app-hwcaps"), TargetOptions.parse(null, "2.32", null));
        assertThat(path(older, "libdr_h.so")).isEqualTo(lib + "libdr_h.so");
        assertThat(path(older, "libdr_t.so")).isEqualTo(lib + "tls/libdr_t.so");
    }

    @Test
    void optionsSayWhatTheTargetMachineIs() {
        Path root = Fixtures.copy("deps", tmp.resolve("opts"));
        TargetOptions o = TargetOptions.parse("haswell", "2.36", "x86-64-v2");
        Closure dst = resolve(root.resolve("bin/app-dst"), o);
        assertThat(path(dst, "libdr_b.so")).isEqualTo(root + "/bin/../plat/haswell/libdr_b.so");
        assertThat(dst.glibc().orElseThrow().cpu().platformSource()).isEqualTo("--platform");
        Closure hw = resolve(root.resolve("bin/app-hwcaps"), o);
        assertThat(path(hw, "libdr_h.so")).isEqualTo(root + "/bin/../lib/glibc-hwcaps/x86-64-v2/libdr_h.so");
        assertThat(path(hw, "libdr_p.so")).isEqualTo(root + "/bin/../lib/haswell/libdr_p.so");
        Closure none = resolve(root.resolve("bin/app-hwcaps"), TargetOptions.parse("xeon_phi", "2.36", "none"));
        assertThat(path(none, "libdr_h.so")).isEqualTo(root + "/bin/../lib/libdr_h.so");
        assertThat(path(none, "libdr_p.so")).isEqualTo(root + "/bin/../lib/xeon_phi/libdr_p.so");
    }

    static Closure resolve(Path program, TargetOptions o) {
        return new ClosureResolver(Sysroot.host(), LoaderEnvironment.EMPTY, o).resolve(program.toString());
    }

    static String path(Closure c, String soname) {
        return c.libraries().stream().filter(l -> l.name().equals(soname)).findFirst().orElseThrow().path();
    }
}
