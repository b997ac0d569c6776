package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.elf.Machines;
import org.junit.jupiter.api.Test;

/**
 * glibc's CPU rules on crafted CPUs, so that every branch is checked whatever CPU runs the suite
 * (the live tests in {@link HwcapsSearchTest} check the branch this CPU takes against the real
 * loader). Expected values are read off glibc's sources: {@code sysdeps/x86/cpu-features.c}
 * {@code init_cpu_features} ($PLATFORM, legacy hwcap bits), {@code sysdeps/x86/get-isa-level.h}
 * (ISA levels; BMI1/BMI2 in x86-64-v3 from 2.37), {@code sysdeps/x86_64/dl-hwcaps-subdirs.c},
 * {@code sysdeps/s390/s390-64/dl-hwcaps-subdirs.c} and {@code elf/dl-hwcaps.c}
 * {@code _dl_important_hwcaps}. Flags are /proc/cpuinfo's, as Linux prints them for those CPUs.
 */
class GlibcCpuRulesTest {
    static final ElfTarget AMD64 = HwcapsSearchTest.AMD64;
    static final ElfTarget I386 = new ElfTarget(32, Machines.EM_386, ByteOrder.LITTLE_ENDIAN);
    static final GlibcVersion G236 = new GlibcVersion(2, 36);
    static final GlibcVersion G237 = new GlibcVersion(2, 37);

    static final String BASE = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr"
            + " sse sse2 ht syscall nx lm constant_tsc pni pclmulqdq ssse3 cx16 sse4_1 sse4_2 popcnt lahf_lm";
    /** Core i7-4770 (Haswell): AVX2, FMA, BMI1/2, LZCNT (abm), MOVBE; no AVX-512. */
    static final String HASWELL = BASE + " movbe xsave avx f16c fma abm bmi1 avx2 bmi2 erms invpcid";
    /** Xeon Gold 6130 (Skylake-SP): Haswell's and AVX-512 F/CD/BW/DQ/VL. */
    static final String SKYLAKE_SP = HASWELL + " avx512f avx512dq avx512cd avx512bw avx512vl";
    /** Xeon Phi 7250 (Knights Landing): AVX-512 F/CD/ER/PF, no BW/DQ/VL. */
    static final String KNL = HASWELL + " avx512f avx512pf avx512er avx512cd";
    /** Core i7-920 (Nehalem): SSE4.2 and POPCNT, no AVX. */
    static final String NEHALEM = BASE;

    static CpuFacts intel(String flags) {
        return CpuFacts.of(CpuFacts.INTEL, flags, "test");
    }

    static CpuFacts amd(String flags) {
        return CpuFacts.of("AuthenticAMD", flags, "test");
    }

    static GlibcCpu amd64(CpuFacts cpu, GlibcVersion v) {
        return GlibcCpu.compute(AMD64, Optional.of(cpu), v);
    }

    @Test
    void intelWithAvx2IsHaswell() {
        GlibcCpu c = amd64(intel(HASWELL), G236);
        assertThat(c.platform()).isEqualTo("haswell");
        assertThat(c.legacyHwcaps()).containsExactly("x86_64");
        assertThat(c.hwcapsSubdirs()).containsExactly("x86-64-v3", "x86-64-v2");
    }

    @Test
    void intelWithAvx512IsHaswellWithTheAvx512HwcapAndV4() {
        GlibcCpu c = amd64(intel(SKYLAKE_SP), G236);
        assertThat(c.platform()).isEqualTo("haswell");
        assertThat(c.legacyHwcaps()).containsExactly("x86_64", "avx512_1");
        assertThat(c.legacyHwcapBits()).isEqualTo(0x6);
        assertThat(c.hwcapsSubdirs()).containsExactly("x86-64-v4", "x86-64-v3", "x86-64-v2");
        assertThat(c.isaLevels()).isEqualTo(0xf);
    }

    @Test
    void xeonPhiIsXeonPhiWithoutAvx512HwcapNorV4() {
        GlibcCpu c = amd64(intel(KNL), G236);
        assertThat(c.platform()).isEqualTo("xeon_phi");
        assertThat(c.legacyHwcaps()).containsExactly("x86_64");
        assertThat(c.hwcapsSubdirs()).containsExactly("x86-64-v3", "x86-64-v2");
        // AVX512ER without AVX512PF: not xeon_phi, so the haswell test decides.
        assertThat(amd64(intel(KNL.replace(" avx512pf", "")), G236).platform()).isEqualTo("haswell");
    }

    @Test
    void amdKeepsAtPlatformWhateverItsFeatures() {
        // Zen 4 has AVX-512; glibc sets haswell/xeon_phi/avx512_1 only for arch_kind_intel.
        GlibcCpu zen4 = amd64(amd(SKYLAKE_SP), G236);
        assertThat(zen4.platform()).isEqualTo("x86_64");
        assertThat(zen4.legacyHwcaps()).containsExactly("x86_64");
        assertThat(zen4.hwcapsSubdirs()).containsExactly("x86-64-v4", "x86-64-v3", "x86-64-v2");
        GlibcCpu zen2 = amd64(amd(HASWELL), G236);
        assertThat(zen2.platform()).isEqualTo("x86_64");
        assertThat(zen2.hwcapsSubdirs()).containsExactly("x86-64-v3", "x86-64-v2");
    }

    @Test
    void olderCpusAndOlderGlibcs() {
        GlibcCpu nehalem = amd64(intel(NEHALEM), G236);
        assertThat(nehalem.platform()).isEqualTo("x86_64");
        assertThat(nehalem.hwcapsSubdirs()).containsExactly("x86-64-v2");
        // Before 2.26 the platform stayed AT_PLATFORM on Intel too.
        assertThat(amd64(intel(HASWELL), new GlibcVersion(2, 25)).platform()).isEqualTo("x86_64");
        // Before 2.33 there were no glibc-hwcaps subdirectories.
        assertThat(amd64(intel(HASWELL), new GlibcVersion(2, 32)).hwcapsSubdirs()).isEmpty();
        // No CMPXCHG16B: not even x86-64-v2.
        assertThat(amd64(amd(NEHALEM.replace(" cx16", "")), G236).hwcapsSubdirs()).isEmpty();
    }

    @Test
    void x8664V3NeedsBmiFromGlibc237() {
        CpuFacts noBmi = amd(HASWELL.replace(" bmi1", "").replace(" bmi2", ""));
        assertThat(amd64(noBmi, G236).hwcapsSubdirs()).containsExactly("x86-64-v3", "x86-64-v2");
        assertThat(amd64(noBmi, G237).hwcapsSubdirs()).containsExactly("x86-64-v2");
    }

    @Test
    void i386ProcessesAreI686WithTheSse2Hwcap() {
        GlibcCpu c = GlibcCpu.compute(I386, Optional.of(amd(HASWELL)), G236);
        assertThat(c.platform()).isEqualTo("i686");
        assertThat(c.legacyHwcaps()).containsExactly("sse2");
        assertThat(c.hwcapsSubdirs()).isEmpty();
        assertThat(GlibcCpu.compute(I386, Optional.of(amd("fpu cx8")), G236).platform()).isEqualTo("i586");
    }

    @Test
    void otherMachines() {
        ElfTarget arm64 = new ElfTarget(64, Machines.EM_AARCH64, ByteOrder.LITTLE_ENDIAN);
        GlibcCpu a = GlibcCpu.compute(arm64, Optional.of(CpuFacts.of("", "fp asimd evtstrm aes pmull sha1 sha2 crc32"
                + " atomics fphp asimdhp cpuid", "test")), G236);
        assertThat(a.platform()).isEqualTo("aarch64");
        assertThat(a.legacyHwcaps()).containsExactly("atomics");
        assertThat(a.hwcapsSubdirs()).as("upstream glibc has no aarch64 glibc-hwcaps names").isEmpty();
        assertThat(a.searchSubdirs(G236)).containsExactly("tls/aarch64/atomics", "tls/aarch64", "tls/atomics", "tls",
                "aarch64/atomics", "aarch64", "atomics", "");
        ElfTarget s390x = new ElfTarget(64, Machines.EM_S390, ByteOrder.BIG_ENDIAN);
        GlibcCpu z15 = GlibcCpu.compute(s390x, Optional.of(CpuFacts.of("IBM/S390", "esan3 zarch stfle msa ldisp eimm dfp"
                + " edat etf3eh highgprs te vx vxd vxe gs vxe2 vxp sort dflt sie", "test")), G236);
        assertThat(z15.hwcapsSubdirs()).containsExactly("z15", "z14", "z13");
        GlibcCpu unknown = GlibcCpu.compute(AMD64, Optional.empty(), G236);
        assertThat(unknown.platform()).isEqualTo("x86_64");
        assertThat(unknown.hwcapsSubdirs()).isEmpty();
    }

    /**
     * {@code _dl_important_hwcaps} for four components (Skylake-SP on glibc 2.36: hwcaps x86_64 and
     * avx512_1, platform haswell, tls): all 16 combinations, those with tls first, each written
     * from the last component to the first. (The three-component case of an AMD or pre-AVX-512
     * CPU is checked live against LD_DEBUG in {@link HwcapsSearchTest}.)
     */
    @Test
    void legacySubdirectoriesAreThePowerSetInGlibcsOrder() {
        GlibcCpu c = amd64(intel(SKYLAKE_SP), G236);
        assertThat(c.searchSubdirs(G236)).containsExactly(
                "glibc-hwcaps/x86-64-v4", "glibc-hwcaps/x86-64-v3", "glibc-hwcaps/x86-64-v2",
                "tls/haswell/avx512_1/x86_64", "tls/haswell/avx512_1", "tls/haswell/x86_64", "tls/haswell",
                "tls/avx512_1/x86_64", "tls/avx512_1", "tls/x86_64", "tls",
                "haswell/avx512_1/x86_64", "haswell/avx512_1", "haswell/x86_64", "haswell",
                "avx512_1/x86_64", "avx512_1", "x86_64", "");
        assertThat(c.searchSubdirs(G237)).containsExactly(
                "glibc-hwcaps/x86-64-v4", "glibc-hwcaps/x86-64-v3", "glibc-hwcaps/x86-64-v2", "");
    }

    @Test
    void cpuinfoAndDiagnosticsAreRead() {
        CpuFacts f = CpuFacts.parseCpuinfo("processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu avx2\n\n"
                + "processor\t: 1\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu\n", "t");
        assertThat(f.vendor()).isEqualTo(CpuFacts.INTEL);
        assertThat(f.flags()).containsExactlyInAnyOrder("fpu", "avx2");
        // As an Intel Haswell's ld.so prints it: v3 and v2 active (bits 1 and 2 of the names' order).
        LdSoDiagnostics d = LdSoDiagnostics.parse(Path.of("ld.so"), "dl_hwcap=0x2\ndl_hwcap_important=0x6\n"
                + "dl_hwcaps_subdirs=\"x86-64-v4:x86-64-v3:x86-64-v2\"\ndl_hwcaps_subdirs_active=0x6\n"
                + "dl_platform=\"haswell\"\nx86.cpu_features.isa_1=0x7\nversion.version=\"2.36\"\n");
        GlibcCpu c = GlibcCpu.fromDiagnostics(AMD64, d, () -> {
            throw new AssertionError("the CPU's flags are read only when ld.so leaves a fact out");
        });
        assertThat(c.platform()).isEqualTo("haswell");
        assertThat(c.hwcapsSubdirs()).containsExactly("x86-64-v3", "x86-64-v2");
        assertThat(c.legacyHwcaps()).containsExactly("x86_64");
        assertThat(c.isaLevels()).isEqualTo(7);
        assertThat(GlibcVersion.parse(d.values().get("version.version"))).isEqualTo(G236);
    }

    /** A loader that prints no {@code dl_platform} (glibc gives {@code (null)}): that fact from glibc's rules. */
    @Test
    void aFactTheLoaderLeftOutComesFromTheRules() {
        LdSoDiagnostics d = LdSoDiagnostics.parse(Path.of("ld.so"), "dl_hwcap=0x2\ndl_hwcap_important=0x6\n"
                + "dl_hwcaps_subdirs=\"x86-64-v4:x86-64-v3:x86-64-v2\"\ndl_hwcaps_subdirs_active=0x6\n"
                + "dl_platform=\"(null)\"\nx86.cpu_features.isa_1=0x7\n");
        GlibcCpu c = GlibcCpu.fromDiagnostics(AMD64, d, () -> GlibcCpu.compute(AMD64, Optional.empty(), G236));
        assertThat(c.platform()).isEqualTo("x86_64");
        assertThat(c.platformSource()).startsWith("AT_PLATFORM");
        assertThat(c.hwcapsSubdirs()).containsExactly("x86-64-v3", "x86-64-v2");
    }
}
