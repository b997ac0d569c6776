package org.elfmap.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What glibc's ld.so learns from the CPU, as Linux's {@code /proc/cpuinfo} reports it: the
 * vendor ({@code vendor_id}) and the feature flags ({@code flags} on x86, {@code Features} on
 * arm64, {@code features} on s390). The kernel lists a flag only when the feature is usable
 * (AVX only with OS-enabled XSAVE state), which is glibc's {@code CPU_FEATURE_USABLE_P}.
 * Flag names are the kernel's ({@code arch/x86/include/asm/cpufeatures.h}): LZCNT is
 * {@code abm}, CMPXCHG16B {@code cx16}, LAHF/SAHF in 64-bit mode {@code lahf_lm}, SSE3
 * {@code pni}.
 *
 * @param vendor {@code GenuineIntel}, {@code AuthenticAMD}, ... or empty when not known
 * @param source where the facts came from, for notes ({@code /proc/cpuinfo}, a test's name)
 */
public record CpuFacts(String vendor, Set<String> flags, String source) {
    public static final String INTEL = "GenuineIntel";

    public CpuFacts {
        flags = Set.copyOf(flags);
    }

    public static CpuFacts of(String vendor, String flags, String source) {
        return new CpuFacts(vendor, Set.of(flags.trim().split("\\s+")), source);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public boolean hasAll(List<String> names) {
        return flags.containsAll(names);
    }

    public boolean isIntel() {
        return vendor.equals(INTEL);
    }

    /** The first processor's entry of a {@code /proc/cpuinfo} text. */
    public static CpuFacts parseCpuinfo(String text, String source) {
        String vendor = "";
        Set<String> flags = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (line.isBlank() && !flags.isEmpty()) {
                    break;
                }
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("vendor_id") && vendor.isEmpty()) {
                vendor = value;
            } else if ((key.equals("flags") || key.equals("Features") || key.equals("features")) && flags.isEmpty()) {
                for (String f : value.split("\\s+")) {
                    if (!f.isEmpty()) {
                        flags.add(f);
                    }
                }
            }
        }
        return new CpuFacts(vendor, flags, source);
    }

    /** This machine's CPU, when {@code /proc/cpuinfo} can be read. */
    public static Optional<CpuFacts> host() {
        Path p = Path.of("/proc/cpuinfo");
        try {
            CpuFacts f = parseCpuinfo(Files.readString(p), p.toString());
            return f.flags().isEmpty() ? Optional.empty() : Optional.of(f);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
