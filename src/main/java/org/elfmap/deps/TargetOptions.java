package org.elfmap.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;

/**
 * Facts about the machine a program would run on that its files cannot tell, given by the user
 * for sysroots and other machines ({@code --platform}, {@code --glibc}, {@code --hwcaps}): each
 * replaces what elfmap would otherwise ask this machine's loader or CPU.
 *
 * @param platform {@code $PLATFORM} ({@code haswell}, {@code x86_64}, {@code aarch64}...)
 * @param glibc    the glibc release of the target's loader
 * @param hwcaps   the glibc-hwcaps subdirectory names the target CPU supports, best first
 *                 (empty list: none)
 */
public record TargetOptions(Optional<String> platform, Optional<GlibcVersion> glibc, Optional<List<String>> hwcaps) {
    public static final TargetOptions NONE = new TargetOptions(Optional.empty(), Optional.empty(), Optional.empty());

    public TargetOptions {
        hwcaps = hwcaps.map(List::copyOf);
    }

    /** From the command line's strings (each may be null); bad values are {@link BadInputException}s. */
    public static TargetOptions parse(String platform, String glibc, String hwcaps) {
        Optional<String> p = Optional.ofNullable(platform).map(String::trim);
        p.ifPresent(s -> {
            if (!s.matches("[A-Za-z0-9_.+-]+")) {
                throw new BadInputException("--platform", "'" + s + "' is not a platform name like x86_64 or haswell");
            }
        });
        Optional<List<String>> h = Optional.ofNullable(hwcaps).map(TargetOptions::hwcapsList);
        return new TargetOptions(p, Optional.ofNullable(glibc).map(GlibcVersion::parse), h);
    }

    private static List<String> hwcapsList(String text) {
        String t = text.trim();
        if (t.equals("none") || t.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String n : t.split(",")) {
            String name = n.trim();
            if (!name.matches("[A-Za-z0-9_.+-]+")) {
                throw new BadInputException("--hwcaps", "'" + name + "' is not a glibc-hwcaps subdirectory name like x86-64-v3");
            }
            out.add(name);
        }
        return out;
    }
}
