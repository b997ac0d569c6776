package org.elfmap.pages;

import org.elfmap.testkit.Checkers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.cli.CliRun;
import org.elfmap.space.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Android's 16 KiB rule on real arm64 libraries (fixtures/arm64/build.sh): every PT_LOAD aligned
 * to at least 16 KiB, and a stored .so 16 KiB-aligned inside its APK. Each case gets the verdict
 * Android's own check gives.
 */
class CheckPagesTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/arm64");
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, FileVerdict> verdicts(CheckOptions opts, Path... paths) throws Exception {
        Map<String, FileVerdict> out = new HashMap<>();
        PageChecker c = Checkers.checker(opts, v -> out.put(v.path().substring(v.path().lastIndexOf('/') + 1), v));
        for (Path p : paths) {
            c.check(p);
        }
        return out;
    }

    static CheckOptions at16k() {
        return new CheckOptions(PageSize.P16K, false, List.of(), Optional.empty());
    }

    static List<String> kinds(FileVerdict v) {
        return v.problems().stream().map(p -> p.kind().label()).distinct().toList();
    }

    @Test
    void librariesLinkedFor16kPassAndFor4kFail() throws Exception {
        Map<String, FileVerdict> v = verdicts(at16k(), DIR.resolve("arm64-16k.so"), DIR.resolve("arm64-4k.so"));
        assertThat(v.get("arm64-16k.so").ok()).isTrue();
        assertThat(v.get("arm64-4k.so").fails()).isTrue();
        assertThat(kinds(v.get("arm64-4k.so"))).contains("align");
        // one align problem (Android reports the smallest alignment), naming every LOAD below the page
        assertThat(v.get("arm64-4k.so").problems()).filteredOn(p -> p.kind() == ProblemKind.ALIGN).singleElement()
                .satisfies(p -> assertThat(((PageProblem.LoadAlignment) p).below()).hasSize(2));
        // and at 4 KiB pages the 4 KiB library is fine
        Map<String, FileVerdict> at4k = verdicts(new CheckOptions(PageSize.P4K, false, List.of(), Optional.empty()),
                DIR.resolve("arm64-4k.so"));
        assertThat(at4k.get("arm64-4k.so").ok()).isTrue();
    }

    @Test
    void apkVerdictsFollowZipAlignmentAndCompression() throws Exception {
        assertThat(verdictIn("app-16k-stored16k.apk").ok()).isTrue();
        FileVerdict misaligned = verdictIn("app-16k-stored4k.apk");
        assertThat(kinds(misaligned)).containsExactly("zip-offset");
        FileVerdict deflated = verdictIn("app-16k-deflated.apk");
        assertThat(deflated.ok()).isTrue();
        assertThat(deflated.notes()).anyMatch(n -> n instanceof PageNote.Compressed);
        assertThat(kinds(verdictIn("app-4k-stored16k.apk"))).contains("align");
        assertThat(kinds(verdictIn("app-4k-deflated.apk"))).contains("align").doesNotContain("zip-offset");
        assertThat(verdictIn("bundle.aab").abi()).hasValue("arm64-v8a");
    }

    private static FileVerdict verdictIn(String archive) throws Exception {
        List<FileVerdict> out = new ArrayList<>();
        Checkers.checker(at16k(), out::add).check(DIR.resolve(archive));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).path()).startsWith(DIR.resolve(archive) + "!/");
        return out.get(0);
    }

    @Test
    void thirtyTwoBitAbisAreReportedButBindOnlyWithAllAbis() {
        CliRun run = CliRun.of("check-pages", DIR.resolve("app-mixed-abis.apk").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("armeabi-v7a").contains("not binding");
        CliRun all = CliRun.of("check-pages", "--all-abis", DIR.resolve("app-mixed-abis.apk").toString());
        assertThat(all.exit()).isEqualTo(1);
    }

    @Test
    void brokenEntriesAndArchivesAreProblemsAndTheScanGoesOn() throws Exception {
        List<FileVerdict> out = new ArrayList<>();
        PageChecker c = Checkers.checker(at16k(), out::add);
        c.check(DIR.resolve("app-truncated-so.apk"));
        c.check(DIR.resolve("corrupt.apk"));
        assertThat(out).extracting(FileVerdict::path).anyMatch(p -> p.endsWith("libcut.so"))
                .anyMatch(p -> p.endsWith("libok.so")).anyMatch(p -> p.endsWith("corrupt.apk"));
        assertThat(out).filteredOn(v -> v.path().endsWith("libcut.so")).singleElement()
                .satisfies(v -> assertThat(kinds(v)).containsExactly("malformed"));
        assertThat(out).filteredOn(v -> v.path().endsWith("libok.so")).singleElement()
                .satisfies(v -> assertThat(v.ok()).isTrue());
    }

    @Test
    void aLibraryCutShortIsReadButFailsAsMalformed() throws Exception {
        // fixtures/crafted past-eof.so: glibc and musl load it, bionic refuses it ("past end of file")
        Path cut = Path.of("src/test/resources/fixtures/crafted/bin/past-eof.so");
        FileVerdict v = verdicts(at16k(), cut).get("past-eof.so");
        assertThat(kinds(v)).contains("malformed");
        assertThat(v.problems()).anySatisfy(p -> assertThat(org.elfmap.output.pages.PageText.problem(p))
                .contains("runs 0x1000 bytes past the end"));
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        CliRun run = CliRun.of("check-pages", "--json", DIR.toString());
        assertThat(run.exit()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("pageSize").asLong()).isEqualTo(16384);
        int failed = 0;
        for (JsonNode f : root.get("files")) {
            assertThat(f.get("path").asText()).isNotEmpty();
            for (JsonNode p : f.get("problems")) {
                assertThat(p.get("kind").asText()).isIn("align", "congruence", "zip-offset", "relro-start", "relro-end", "malformed");
                assertThat(p.get("detail").asText()).isNotEmpty();
            }
            if (!f.get("ok").asBoolean() && (!f.has("binding") || f.get("binding").asBoolean())) {
                failed++;
            }
        }
        assertThat(root.get("checked").asInt()).isEqualTo(root.get("files").size());
        assertThat(root.get("failed").asInt()).isEqualTo(failed).isPositive();
    }

    @Test
    void whatIfShowsTheImageAtEachPageSize() throws Exception {
        CliRun run = CliRun.of("check-pages", "--json", "--what-if", DIR.resolve("arm64-16k.so").toString());
        JsonNode w = JSON.readTree(run.out()).get("files").get(0).get("whatIf");
        assertThat(w).hasSize(3);
        assertThat(w.get(0).get("pageSize").asLong()).isEqualTo(4096);
        assertThat(w.get(0).get("gapBytes").asLong()).isPositive(); // 16 KiB alignment leaves 4 KiB gaps
        assertThat(w.get(2).has("refused")).isTrue(); // 16 KiB alignment on 64 KiB pages: refused
    }

    @Test
    void aWholeSystemTreeIsScannedWithEveryFailureNamed() throws Exception {
        Path tree = Path.of("/usr/lib/x86_64-linux-gnu");
        assumeTrue(Files.isDirectory(tree));
        int[] counts = new int[2];
        Checkers.checker(at16k(), v -> {
            counts[0]++;
            if (!v.ok()) {
                counts[1]++;
                assertThat(v.problems()).allMatch(p -> !org.elfmap.output.pages.PageText.problem(p).isEmpty());
            }
        }).check(tree);
        assertThat(counts[0]).isGreaterThan(100);
        assertThat(counts[1]).isPositive(); // x86_64 Debian links for 4 KiB pages
    }

    @Test
    void symlinkLoopsAndDuplicatesAreVisitedOnce(@TempDir Path tmp) throws Exception {
        Files.copy(DIR.resolve("arm64-16k.so"), tmp.resolve("libx.so"));
        Files.createSymbolicLink(tmp.resolve("libx.so.1"), tmp.resolve("libx.so"));
        Files.createDirectory(tmp.resolve("sub"));
        Files.createSymbolicLink(tmp.resolve("sub/loop"), tmp);
        Files.writeString(tmp.resolve("README"), "not ELF");
        List<FileVerdict> out = new ArrayList<>();
        Checkers.checker(at16k(), out::add).check(tmp);
        assertThat(out).hasSize(1);
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path tmp) throws Exception {
        CliRun missing = CliRun.of("check-pages", tmp.resolve("nope.apk").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        CliRun notElf = CliRun.of("check-pages", text.toString());
        assertThat(notElf.exit()).isEqualTo(2);
        assertThat(notElf.err()).startsWith("elfmap: ").contains("neither an ELF file");
    }

    /**
     * Found scanning /usr: a jar's {@code org/apache/xalan/lib/sql/X.class} was taken for an ABI
     * directory and failed as "not ELF". Only known ABI names count, and a non-ELF file in an ABI
     * directory ({@code wrap.sh}) is skipped quietly; a {@code .so} that is not ELF is reported.
     * The jar is big enough (3,000 entries) to cross the 64 KiB read buffer of the central directory.
     */
    @Test
    void onlyAbiDirectoriesAndElfEntriesCount(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("big.apk");
        byte[] lib = Files.readAllBytes(DIR.resolve("arm64-16k.so"));
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < 3000; i++) {
                z.putNextEntry(new java.util.zip.ZipEntry("org/apache/xalan/lib/sql/C" + i + ".class"));
                z.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
                z.closeEntry();
            }
            z.putNextEntry(new java.util.zip.ZipEntry("lib/arm64-v8a/wrap.sh"));
            z.write("#!/system/bin/sh\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            z.closeEntry();
            z.putNextEntry(new java.util.zip.ZipEntry("lib/arm64-v8a/libnot.so"));
            z.write("INPUT(-lc)\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            z.closeEntry();
            z.putNextEntry(new java.util.zip.ZipEntry("lib/arm64-v8a/libgood.so"));
            z.write(lib);
            z.closeEntry();
        }
        Map<String, FileVerdict> v = verdicts(at16k(), jar);
        assertThat(v.keySet()).containsExactlyInAnyOrder("libnot.so", "libgood.so");
        assertThat(v.get("libgood.so").ok()).isTrue();
        assertThat(kinds(v.get("libnot.so"))).containsExactly("malformed");
    }

    /** An AAR keeps its libraries under jni/<abi>/; a loose library in an ABI directory keeps its ABI too. */
    @Test
    void aarsAndAbiDirectoriesInTreesAreReadByAbi() throws Exception {
        Path world = Path.of("src/test/resources/fixtures/android");
        Path aar;
        try (var s = Files.walk(world.resolve("gradle-cache"))) {
            aar = s.filter(p -> p.toString().endsWith("pdfium-1.2.0.aar")).findFirst().orElseThrow();
        }
        List<FileVerdict> out = new ArrayList<>();
        Checkers.checker(at16k(), out::add).check(aar);
        assertThat(out).extracting(FileVerdict::entry).containsExactlyInAnyOrder("jni/arm64-v8a/libpdfium.so",
                "jni/armeabi-v7a/libpdfium.so", "jni/x86_64/libpdfium.so");
        assertThat(out).filteredOn(FileVerdict::fails).extracting(v -> v.abi().get())
                .containsExactlyInAnyOrder("arm64-v8a", "x86_64");
        List<FileVerdict> loose = new ArrayList<>();
        Checkers.checker(at16k(), loose::add).check(world.resolve("project/node_modules"));
        assertThat(loose).singleElement().satisfies(v -> assertThat(v.abi()).hasValue("arm64-v8a"));
    }
}
