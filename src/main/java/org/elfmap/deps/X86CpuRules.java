package org.elfmap.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * glibc's x86 decisions from CPUID, transcribed from its sources and applied to the kernel's
 * feature flags ({@link CpuFacts}):
 * <ul>
 * <li>{@code $PLATFORM} ({@code GLRO(dl_platform)}): {@code sysdeps/x86/cpu-features.c},
 * {@code init_cpu_features} (glibc 2.26+). On x86-64 it keeps the kernel's {@code AT_PLATFORM}
 * ({@code x86_64}) except on <em>Intel</em> CPUs ({@code arch_kind_intel}): with AVX512CD,
 * AVX512ER and AVX512PF it is {@code xeon_phi}; otherwise with AVX2, FMA, BMI1, BMI2, LZCNT,
 * MOVBE and POPCNT it is {@code haswell}. On i386 it is {@code i686} with CMOV, else {@code i586}
 * with CX8.</li>
 * <li>the legacy hwcap bits ({@code GLRO(dl_hwcap)}, same function): {@code HWCAP_X86_64} always
 * on x86-64, {@code HWCAP_X86_AVX512_1} on Intel with AVX512CD (without AVX512ER) and AVX512BW,
 * AVX512DQ, AVX512VL; {@code HWCAP_X86_SSE2} on i386 with SSE2. Their names are
 * {@code _dl_x86_hwcap_flags} ({@code sysdeps/x86/dl-procinfo.c}: sse2, x86_64, avx512_1); the
 * important ones ({@code HWCAP_IMPORTANT}, {@code sysdeps/x86/dl-hwcap.h}) are x86_64 and
 * avx512_1 for x86-64, sse2 for i386.</li>
 * <li>the ISA level ({@code cpu_features->isa_1}): {@code sysdeps/x86/get-isa-level.h},
 * {@code get_isa_level}; x86-64-v3 asks for BMI1 and BMI2 from glibc 2.37 (commit "x86: include
 * BMI1 and BMI2 in x86-64-v3 level"). The active glibc-hwcaps subdirectories follow from it
 * ({@code sysdeps/x86_64/dl-hwcaps-subdirs.c}, {@code _dl_hwcaps_subdirs_active}).</li>
 * </ul>
 */
final class X86CpuRules {
    /** {@code HWCAP_X86_SSE2}, {@code HWCAP_X86_64}, {@code HWCAP_X86_AVX512_1} ({@code sysdeps/x86/dl-hwcap.h}). */
    static final long HWCAP_SSE2 = 1;
    static final long HWCAP_X86_64 = 1 << 1;
    static final long HWCAP_AVX512_1 = 1 << 2;
    /** {@code _dl_x86_hwcap_flags}, indexed by bit. */
    static final List<String> HWCAP_NAMES = List.of("sse2", "x86_64", "avx512_1");
    /** {@code _dl_x86_platforms}; x86-64 matches only from index 2 ({@code HWCAP_PLATFORMS_START}). */
    static final List<String> PLATFORMS = List.of("i586", "i686", "haswell", "xeon_phi");

    /** {@code GNU_PROPERTY_X86_ISA_1_BASELINE} ... {@code _V4} ({@code elf/elf.h}). */
    static final int ISA_BASELINE = 1;
    static final int ISA_V2 = 1 << 1;
    static final int ISA_V3 = 1 << 2;
    static final int ISA_V4 = 1 << 3;

    private static final List<String> HASWELL = List.of("avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "popcnt");
    private static final List<String> BASELINE = List.of("cmov", "cx8", "fpu", "fxsr", "mmx", "sse", "sse2");
    private static final List<String> V2 = List.of("cx16", "lahf_lm", "popcnt", "pni", "ssse3", "sse4_1", "sse4_2");
    private static final List<String> V3 = List.of("avx", "avx2", "f16c", "fma", "abm", "movbe");
    private static final List<String> V3_SINCE_2_37 = List.of("bmi1", "bmi2");
    private static final List<String> V4 = List.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl");

    private X86CpuRules() {
    }

    /** {@code haswell} or {@code xeon_phi} when glibc replaces the x86-64 {@code AT_PLATFORM}, else empty. */
    static Optional<String> platform64(CpuFacts cpu, GlibcVersion v) {
        if (!v.hasX86PlatformFromCpuid() || !cpu.isIntel()) {
            return Optional.empty();
        }
        if (cpu.has("avx512cd") && cpu.has("avx512er") && cpu.has("avx512pf")) {
            return Optional.of("xeon_phi");
        }
        return cpu.hasAll(HASWELL) ? Optional.of("haswell") : Optional.empty();
    }

    /** i386's {@code dl_platform}: {@code i686} with CMOV, {@code i586} with CX8. */
    static Optional<String> platform32(CpuFacts cpu) {
        if (cpu.has("cmov")) {
            return Optional.of("i686");
        }
        return cpu.has("cx8") ? Optional.of("i586") : Optional.empty();
    }

    /** {@code GLRO(dl_hwcap) & HWCAP_IMPORTANT} for a 64-bit process. */
    static long importantHwcap64(CpuFacts cpu, GlibcVersion v) {
        long bits = HWCAP_X86_64;
        if (v.hasX86PlatformFromCpuid() && cpu.isIntel() && cpu.has("avx512cd") && !cpu.has("avx512er")
                && cpu.hasAll(List.of("avx512bw", "avx512dq", "avx512vl"))) {
            bits |= HWCAP_AVX512_1;
        }
        return bits;
    }

    /** {@code GLRO(dl_hwcap) & HWCAP_IMPORTANT} for a 32-bit process. */
    static long importantHwcap32(CpuFacts cpu) {
        return cpu.has("sse2") ? HWCAP_SSE2 : 0;
    }

    /** {@code get_isa_level}: the {@code GNU_PROPERTY_X86_ISA_1_*} bits the CPU supports. */
    static int isaLevels(CpuFacts cpu, GlibcVersion v) {
        int isa = 0;
        if (!cpu.hasAll(BASELINE)) {
            return isa;
        }
        isa |= ISA_BASELINE;
        if (!cpu.hasAll(V2)) {
            return isa;
        }
        isa |= ISA_V2;
        if (!cpu.hasAll(V3) || (v.atLeast(2, 37) && !cpu.hasAll(V3_SINCE_2_37))) {
            return isa;
        }
        isa |= ISA_V3;
        if (cpu.hasAll(V4)) {
            isa |= ISA_V4;
        }
        return isa;
    }

    /** {@code _dl_hwcaps_subdirs_active} of x86-64: the supported subdirectories, best first. */
    static List<String> activeSubdirs(int isaLevels) {
        List<String> out = new ArrayList<>();
        if ((isaLevels & ISA_V4) != 0) {
            out.add("x86-64-v4");
        }
        if ((isaLevels & ISA_V3) != 0) {
            out.add("x86-64-v3");
        }
        if ((isaLevels & ISA_V2) != 0) {
            out.add("x86-64-v2");
        }
        return out;
    }

    /** The names of the set bits of an x86 {@code dl_hwcap} value, by ascending bit. */
    static List<String> hwcapNames(long bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < HWCAP_NAMES.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                out.add(HWCAP_NAMES.get(i));
            }
        }
        return out;
    }
}
