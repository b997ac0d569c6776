package org.elfmap.output.image;

import org.elfmap.deps.Closure;
import org.elfmap.deps.GlibcSystem;
import org.elfmap.output.JsonOutput;

/**
 * {@code predict --json}'s fields about how the closure was resolved: {@code mode}
 * ({@code program} or {@code library}), {@code rules} ({@code glibc}, {@code musl},
 * {@code static}) and, for glibc, {@code loader}: its release, {@code $PLATFORM} and the
 * hwcap subdirectories searched, each with where it came from.
 */
final class ClosureJson {
    private ClosureJson() {
    }

    static void header(JsonOutput j, Closure closure) {
        j.field("mode", closure.mode().label());
        j.field("rules", closure.rules());
        closure.glibc().ifPresent(g -> loader(j, g));
    }

    private static void loader(JsonOutput j, GlibcSystem g) {
        j.startObject("loader");
        j.field("glibc", g.version().toString());
        j.field("glibcSource", g.versionSource());
        j.field("platform", g.platform());
        j.field("platformSource", g.cpu().platformSource());
        j.startArray("hwcaps");
        g.cpu().hwcapsSubdirs().forEach(j::value);
        j.endArray();
        j.field("hwcapsSource", g.cpu().hwcapsSource());
        j.startArray("searchSubdirs");
        g.searchSubdirs().forEach(j::value);
        j.endArray();
        j.endObject();
    }
}
