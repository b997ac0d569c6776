package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.elfmap.space.AddressImage;
import org.elfmap.space.Kind;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Prediction;
import org.elfmap.space.Region;
import org.elfmap.testkit.FixtureProcess;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library rewritten in place while a process has it mapped ({@code cp new old} keeps the
 * {@code dev:inode}, so only the bytes say it changed): a library with a 64 MiB bss is dlopen'ed,
 * then overwritten by the same source linked with {@code -z max-page-size=0x200000}, whose layout
 * spans 2 MiB steps and covers libc's bss and the kernel's {@code [vvar]}/{@code [vdso]}. The
 * expected values are /proc/PID/maps's own entries.
 */
class ChangedFileLiveTest {
    private static final String SOURCE = "int libvar=5; char bigbss[64<<20]; int libf(void){return libvar+bigbss[100];}\n";

    @Test
    void aLibraryRewrittenInPlaceIsReadByShapeAndClaimsNothingElse(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Tools.has("gcc", "--version"), "gcc is not installed: the libraries are built live");
        Path src = Files.writeString(dir.resolve("big.c"), SOURCE);
        Path small = dir.resolve("libsmall.so");
        Path big = dir.resolve("lib2m.so");
        build(src, small);
        build(src, big, "-Wl,-z,max-page-size=0x200000");
        Path lib = dir.resolve("libchanged.so");
        Files.copy(small, lib);
        try (FixtureProcess run = FixtureProcess.of("waiter-glibc", lib.toString())) {
            // in place: same inode, new bytes (Files.copy REPLACE_EXISTING would unlink first)
            Files.write(lib, Files.readAllBytes(big), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            List<String[]> maps = Files.readAllLines(Path.of("/proc", Integer.toString(run.pid()), "maps")).stream()
                    .map(l -> l.split("\\s+", 6)).toList();
            AddressImage image = Explainer.explain(new Source.Pid(run.pid()));
            ObjectImage changed = image.objects().stream().filter(o -> o.path().equals(lib.toString())).findFirst()
                    .orElseThrow();
            Prediction.Unavailable why = changed.prediction().orElseThrow().reason().orElseThrow();
            assertThat(why).isInstanceOfSatisfying(Prediction.Unavailable.FileUnusable.class,
                    f -> assertThat(f.problem()).isEqualTo(Prediction.FileProblem.CHANGED_SINCE_MAPPED));
            // its regions are its own file entries and the anonymous entry right after them (the bss)
            int first = indexOf(maps, lib.toString());
            int last = lastIndexOf(maps, lib.toString());
            long from = Long.parseUnsignedLong(maps.get(first)[0].split("-")[0], 16);
            long to = Long.parseUnsignedLong(maps.get(last + 1)[0].split("-")[1], 16);
            assertThat(maps.get(last + 1)[4]).as("the bss follows the data, anonymous").isEqualTo("0");
            for (Region r : changed.regions()) {
                assertThat(Long.compareUnsigned(r.start(), from) >= 0 && Long.compareUnsigned(r.end(), to) <= 0)
                        .as("%s within %x-%x", r, from, to).isTrue();
            }
            assertThat(changed.byKind().get(Kind.BSS).vszBytes()).as("the 64 MiB bss").isEqualTo(64L << 20);
            // the kernel's mappings stay what they are, and libc keeps its bss and its match
            Map<String, ObjectImage> byPath = image.objects().stream()
                    .collect(Collectors.toMap(ObjectImage::path, o -> o, (a, b) -> a));
            for (String special : List.of("[vdso]", "[vvar]", "[stack]", "[heap]")) {
                if (maps.stream().anyMatch(f -> f.length == 6 && f[5].equals(special))) {
                    assertThat(byPath).as(special).containsKey(special);
                }
            }
            assertThat(image.byKind()).containsKey(Kind.VDSO);
            for (ObjectImage o : image.objects()) {
                if (o.prediction().isPresent() && !o.path().equals(lib.toString())) {
                    assertThat(o.prediction().get().status()).as(o.path()).isEqualTo(Prediction.Status.MATCH);
                }
            }
        }
    }

    static void build(Path src, Path out, String... flags) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-o", out.toString()));
        cmd.addAll(List.of(flags));
        cmd.add(src.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(said).isZero();
    }

    private static int indexOf(List<String[]> maps, String path) {
        for (int i = 0; i < maps.size(); i++) {
            if (maps.get(i).length == 6 && maps.get(i)[5].equals(path)) {
                return i;
            }
        }
        throw new AssertionError("not mapped: " + path);
    }

    private static int lastIndexOf(List<String[]> maps, String path) {
        for (int i = maps.size() - 1; i >= 0; i--) {
            if (maps.get(i).length == 6 && maps.get(i)[5].equals(path)) {
                return i;
            }
        }
        throw new AssertionError("not mapped: " + path);
    }
}
