package org.elfmap.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.elfmap.elf.Machines;

/**
 * What a glibc ld.so derives from the CPU it runs on, for its library search: {@code $PLATFORM}
 * ({@code GLRO(dl_platform)}), the glibc-hwcaps subdirectories the CPU supports
 * ({@code _dl_hwcaps_subdirs_active}) and the legacy hwcap bits ({@code GLRO(dl_hwcap) &
 * HWCAP_IMPORTANT}). Each comes from the best witness at hand: the target's own ld.so asked on
 * this machine ({@code ld.so --list-diagnostics}), glibc's rule applied to the CPU's flags, an
 * option, or the kernel's {@code AT_PLATFORM} alone; the sources say which.
 *
 * @param platform        {@code $PLATFORM}
 * @param platformSource  where {@code platform} came from, in words
 * @param hwcapsSubdirs   the supported glibc-hwcaps subdirectory names, best first
 *                        ({@code x86-64-v4}, ...); empty before glibc 2.33 or when unknown
 * @param hwcapsSource    where {@code hwcapsSubdirs} came from
 * @param legacyHwcaps    names of the important hwcap bits, by ascending bit ({@code x86_64},
 *                        {@code avx512_1}, {@code sse2}, {@code atomics})
 * @param legacyHwcapBits the same bits, for ld.so.cache entries ({@code search_cache})
 * @param isaLevels       x86: the {@code GNU_PROPERTY_X86_ISA_1_*} levels the CPU supports
 *                        ({@code cpu_features->isa_1}), checked for glibc-hwcaps cache entries;
 *                        -1 on other machines, where every level fits
 */
public record GlibcCpu(String platform, String platformSource, List<String> hwcapsSubdirs, String hwcapsSource,
                       List<String> legacyHwcaps, long legacyHwcapBits, int isaLevels) {
    /** {@code HWCAP_ATOMICS}, aarch64's one important hwcap ({@code sysdeps/unix/sysv/linux/aarch64/dl-procinfo.h}). */
    static final long AARCH64_HWCAP_ATOMICS = 1L << 8;

    public GlibcCpu {
        hwcapsSubdirs = List.copyOf(hwcapsSubdirs);
        legacyHwcaps = List.copyOf(legacyHwcaps);
    }

    /** The kernel's {@code AT_PLATFORM} for a process of this kind, as Linux passes it. */
    static String atPlatform(ElfTarget t) {
        return switch (t.machine()) {
            case Machines.EM_X86_64 -> "x86_64";
            case Machines.EM_386 -> "i686";
            case Machines.EM_AARCH64 -> "aarch64";
            case Machines.EM_ARM -> "v7l";
            default -> Machines.name(t.machine());
        };
    }

    /**
     * glibc's own rules, for a glibc of version {@code v}, applied to {@code cpu} (or, when the
     * CPU is not known, the kernel's {@code AT_PLATFORM} and no glibc-hwcaps subdirectory).
     */
    static GlibcCpu compute(ElfTarget t, Optional<CpuFacts> cpu, GlibcVersion v) {
        String at = atPlatform(t);
        if (cpu.isEmpty()) {
            long bits = t.machine() == Machines.EM_X86_64 ? X86CpuRules.HWCAP_X86_64 : 0;
            return new GlibcCpu(at, "AT_PLATFORM of " + Machines.name(t.machine()) + " (CPU not known)", List.of(),
                    "CPU not known: no glibc-hwcaps subdirectory assumed", legacyNames(t, bits), bits, 0);
        }
        CpuFacts c = cpu.get();
        String rule = "glibc " + v + "'s rule on " + c.source();
        return switch (t.machine()) {
            case Machines.EM_X86_64 -> {
                int isa = X86CpuRules.isaLevels(c, v);
                long bits = X86CpuRules.importantHwcap64(c, v);
                Optional<String> p = X86CpuRules.platform64(c, v);
                yield new GlibcCpu(p.orElse(at), p.isPresent() ? rule + " (sysdeps/x86/cpu-features.c)"
                        : "AT_PLATFORM (" + rule + " keeps it)",
                        v.hasGlibcHwcaps() ? X86CpuRules.activeSubdirs(isa) : List.of(),
                        rule + " (sysdeps/x86/get-isa-level.h)", X86CpuRules.hwcapNames(bits), bits, isa);
            }
            case Machines.EM_386 -> {
                long bits = X86CpuRules.importantHwcap32(c);
                yield new GlibcCpu(X86CpuRules.platform32(c).orElse(at), rule + " (sysdeps/x86/cpu-features.c)",
                        List.of(), "none for i386", X86CpuRules.hwcapNames(bits), bits, X86CpuRules.isaLevels(c, v));
            }
            case Machines.EM_AARCH64 -> {
                long bits = c.has("atomics") ? AARCH64_HWCAP_ATOMICS : 0;
                yield new GlibcCpu(at, "AT_PLATFORM", List.of(), "none for aarch64 (elf/dl-hwcaps-subdirs.c)",
                        legacyNames(t, bits), bits, -1);
            }
            case Machines.EM_S390 -> new GlibcCpu(at, "AT_PLATFORM", v.hasGlibcHwcaps() ? s390Subdirs(c, v) : List.of(),
                    rule + " (sysdeps/s390/s390-64/dl-hwcaps-subdirs.c)", List.of(), 0, -1);
            default -> new GlibcCpu(at, "AT_PLATFORM", List.of(),
                    "not derived from CPU flags for " + Machines.name(t.machine()) + " (--hwcaps to say)", List.of(), 0, -1);
        };
    }

    /**
     * What the target's own ld.so said about itself on this CPU ({@code elf/dl-diagnostics.c}):
     * {@code dl_platform}, {@code dl_hwcaps_subdirs} masked by {@code dl_hwcaps_subdirs_active},
     * {@code dl_hwcap & dl_hwcap_important}, {@code x86.cpu_features.isa_1}; {@code fallback}
     * (glibc's rules on the CPU's flags) is made only when the loader left one of them out.
     */
    static GlibcCpu fromDiagnostics(ElfTarget t, LdSoDiagnostics d, Supplier<GlibcCpu> fallback) {
        boolean x86 = t.machine() == Machines.EM_X86_64 || t.machine() == Machines.EM_386;
        Optional<String> platform = d.platform();
        Optional<List<String>> subdirs = d.activeHwcapsSubdirs();
        OptionalLong bits = d.importantHwcap();
        OptionalInt isa = x86 ? d.isaLevels() : OptionalInt.of(-1);
        GlibcCpu f = platform.isPresent() && subdirs.isPresent() && bits.isPresent() && isa.isPresent() ? null
                : fallback.get();
        String source = "ld.so --list-diagnostics of " + d.ldso();
        long b = bits.isPresent() ? bits.getAsLong() : f.legacyHwcapBits();
        return new GlibcCpu(platform.orElseGet(() -> f.platform()), platform.isPresent() ? source : f.platformSource(),
                subdirs.orElseGet(() -> f.hwcapsSubdirs()), subdirs.isPresent() ? source : f.hwcapsSource(),
                legacyNames(t, b), b, isa.isPresent() ? isa.getAsInt() : f.isaLevels());
    }

    /** {@code --platform} and {@code --hwcaps} replace what was found. */
    GlibcCpu with(TargetOptions o) {
        return new GlibcCpu(o.platform().orElse(platform), o.platform().isPresent() ? "--platform" : platformSource,
                o.hwcaps().orElse(hwcapsSubdirs), o.hwcaps().isPresent() ? "--hwcaps" : hwcapsSource, legacyHwcaps,
                legacyHwcapBits, isaLevels);
    }

    private static List<String> legacyNames(ElfTarget t, long bits) {
        if (t.machine() == Machines.EM_X86_64 || t.machine() == Machines.EM_386) {
            return X86CpuRules.hwcapNames(bits);
        }
        if (t.machine() == Machines.EM_AARCH64 && (bits & AARCH64_HWCAP_ATOMICS) != 0) {
            return List.of("atomics");
        }
        return List.of();
    }

    /**
     * s390x: z13 needs the vector facility ({@code vx}); z14 also {@code vxd}, {@code vxe},
     * {@code gs}; z15 {@code vxe2}, {@code vxp}; z16 {@code vxp2}; z17 (2.42+) a facility bit only
     * STFLE shows, never assumed here.
     */
    static List<String> s390Subdirs(CpuFacts c, GlibcVersion v) {
        List<String> active = new ArrayList<>();
        if (c.has("vx")) {
            active.add("z13");
            if (c.hasAll(List.of("vxd", "vxe", "gs"))) {
                active.add("z14");
                if (c.hasAll(List.of("vxe2", "vxp"))) {
                    active.add("z15");
                    if (v.atLeast(2, 36) && c.has("vxp2")) {
                        active.add("z16");
                    }
                }
            }
        }
        java.util.Collections.reverse(active);
        return active;
    }

    /**
     * The subdirectories searched in every directory, in order, ending with {@code ""} for the
     * directory itself: {@code glibc-hwcaps/NAME} for each supported name (2.33+), then, before
     * glibc 2.37, every combination of the legacy names, the platform and {@code tls}
     * ({@code elf/dl-hwcaps.c}, {@code _dl_important_hwcaps}: with components c0..cn-1 = the
     * hwcap names by bit, the platform, "tls", entry k holds the components whose bit is set in
     * 2^n-1-k, written from the last component to the first: {@code tls/x86_64/x86_64},
     * {@code tls/x86_64}, ... , {@code x86_64}, {@code ""}).
     */
    public List<String> searchSubdirs(GlibcVersion v) {
        List<String> out = new ArrayList<>();
        if (v.hasGlibcHwcaps()) {
            for (String n : hwcapsSubdirs) {
                out.add("glibc-hwcaps/" + n);
            }
        }
        if (v.searchesLegacyHwcaps()) {
            List<String> parts = new ArrayList<>(legacyHwcaps);
            if (!platform.isEmpty()) {
                parts.add(platform);
            }
            parts.add("tls");
            out.addAll(powerSet(parts));
        } else {
            out.add("");
        }
        return out;
    }

    static List<String> powerSet(List<String> parts) {
        int n = parts.size();
        List<String> out = new ArrayList<>(1 << n);
        for (int m = (1 << n) - 1; m >= 0; m--) {
            StringBuilder s = new StringBuilder();
            for (int i = n - 1; i >= 0; i--) {
                if ((m & (1 << i)) != 0) {
                    s.append(s.isEmpty() ? "" : "/").append(parts.get(i));
                }
            }
            out.add(s.toString());
        }
        return out;
    }
}
