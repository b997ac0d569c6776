package org.elfmap.output.pages;

import java.util.Optional;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.ProblemKind;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.pages.origin.Coordinate;

/**
 * How to fix each problem, as Android's guide to 16 KB page sizes says it
 * (developer.android.com/guide/practices/page-sizes): relink with the page-size flags (NDK r28+
 * does by default), let AGP 8.5.1+ align uncompressed libraries, or, for a library a dependency
 * ships, upgrade that dependency.
 */
public final class FixAdvice {
    static final String LINK = "-Wl,-z,max-page-size=16384";
    static final String LINK_RELRO = "-Wl,-z,max-page-size=16384 -Wl,-z,common-page-size=16384";

    private FixAdvice() {
    }

    /** The fix for {@code p}: upgrading the dependency that ships the library, when it is known, else {@link #of(ProblemKind)}. */
    public static String of(PageProblem p, Optional<Attribution> origin) {
        Optional<Coordinate> c = origin.flatMap(Attribution::coordinate);
        if (c.isPresent() && p.kind() != ProblemKind.ZIP_OFFSET) {
            String via = origin.flatMap(Attribution::via).map(v -> " (it comes through " + v + ")").orElse("");
            String what = c.get() instanceof Coordinate.Npm ? "the npm package " + c.get().module() : c.get().module();
            return "upgrade " + what + " past version " + c.get().version() + via + "; if no newer version is 16 KiB-ready,"
                    + " ask its maintainers to rebuild with NDK r28+ (or " + (relro(p) ? LINK_RELRO : LINK) + ")";
        }
        return of(p.kind());
    }

    /** The fix for a problem of kind {@code k} in a library of one's own (the rule's help in SARIF says it too). */
    public static String of(ProblemKind k) {
        return switch (k) {
            case ZIP_OFFSET -> "package with AGP 8.5.1+, which stores uncompressed libraries 16 KiB-aligned (zipalign -P"
                    + " 16; packaging.jniLibs.useLegacyPackaging = false, the default from minSdk 23); with an older AGP,"
                    + " packaging.jniLibs.useLegacyPackaging = true compresses them instead";
            case ALIGN -> "link with " + LINK + " (NDK r28+ does by default; with NDK r27,"
                    + " -DANDROID_SUPPORT_FLEXIBLE_PAGE_SIZES=ON or APP_SUPPORT_FLEXIBLE_PAGE_SIZES := true)";
            case RELRO_START, RELRO_END -> "link with " + LINK_RELRO + " (NDK r28+ does by default), and do not"
                    + " rewrite the program headers after linking";
            case CONGRUENCE -> "relink with " + LINK + "; a tool that rewrote the program headers after linking broke"
                    + " the file";
            case MALFORMED -> "rebuild or re-download the file: it is not a readable ELF library";
        };
    }

    private static boolean relro(PageProblem p) {
        return p.kind() == ProblemKind.RELRO_START || p.kind() == ProblemKind.RELRO_END;
    }
}
