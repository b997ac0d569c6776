package org.elfmap.pages.origin;

import org.elfmap.testkit.Checkers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.pages.CheckOptions;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageChecker;
import org.elfmap.space.PageSize;
import org.junit.jupiter.api.Test;

/**
 * The Android world of fixtures/arm64/android.py: an APK whose failing libraries came from an
 * AAR in a Gradle cache (same bytes), from an AAR in a Maven repository (stripped on the way:
 * same GNU build ID, other bytes), from an npm package, or from the app itself.
 */
class AttributionTest {
    static final Path WORLD = Path.of("src/test/resources/fixtures/android");
    static final Path APK = WORLD.resolve("project/app/build/outputs/apk/release/app-release.apk");
    static final List<Path> DEPS = List.of(WORLD.resolve("gradle-cache/modules-2/files-2.1"), WORLD.resolve("maven-repo"),
            WORLD.resolve("project/node_modules"));

    static List<FileVerdict> verdicts(Path... paths) throws Exception {
        List<FileVerdict> out = new ArrayList<>();
        PageChecker c = Checkers.checker(new CheckOptions(PageSize.P16K, false, List.of(), Optional.empty(), true), out::add);
        for (Path p : paths) {
            c.check(p);
        }
        return out;
    }

    static Map<String, Attribution> attribute(List<FileVerdict> v) throws Exception {
        return new Attributor(DEPS, Optional.of(GradleDependencyReport.read(WORLD.resolve("dependencies.txt"))),
                Optional.of(ProjectDeclarations.scan(WORLD.resolve("project")))).attribute(v);
    }

    static Attribution of(Map<String, Attribution> a, String entry) {
        return a.entrySet().stream().filter(e -> e.getKey().endsWith("!/" + entry)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no attribution for " + entry + " in " + a.keySet()));
    }

    @Test
    void eachFailingLibraryIsNamedByItsDependency() throws Exception {
        List<FileVerdict> v = verdicts(APK);
        Map<String, Attribution> a = attribute(v);

        Attribution pdfium = of(a, "lib/arm64-v8a/libpdfium.so");
        assertThat(pdfium.coordinate()).contains(new Coordinate.Maven("com.example.pdf", "pdfium", "1.2.0"));
        assertThat(pdfium.primary().get().match()).isEqualTo(Origin.Match.SHA256);
        assertThat(pdfium.primary().get().entry()).contains("jni/arm64-v8a/libpdfium.so");
        // transitive: the app reaches it through the viewer, declared in the version catalog
        assertThat(pdfium.dependencyPath()).containsExactly("com.example.viewer:viewer:3.1.0", "com.example.pdf:pdfium:1.2.0");
        assertThat(pdfium.declaration().get().file()).endsWith(Path.of("gradle/libs.versions.toml"));
        assertThat(pdfium.declaration().get().text()).startsWith("viewer = { module = \"com.example.viewer:viewer\"");
        // the x86_64 copy is its own library, from the same AAR
        assertThat(of(a, "lib/x86_64/libpdfium.so").primary().get().entry()).contains("jni/x86_64/libpdfium.so");

        // AGP stripped it: other bytes, the same build ID; declared as a string in build.gradle.kts
        Attribution legacy = of(a, "lib/arm64-v8a/liblegacy.so");
        assertThat(legacy.coordinate()).contains(new Coordinate.Maven("com.example", "legacy", "0.9"));
        assertThat(legacy.primary().get().match()).isEqualTo(Origin.Match.BUILD_ID);
        assertThat(legacy.declaration().get().file()).endsWith(Path.of("app/build.gradle.kts"));
        assertThat(legacy.declaration().get().text()).isEqualTo("implementation(\"com.example:legacy:0.9\")");

        Attribution fastimg = of(a, "lib/arm64-v8a/libfastimg.so");
        assertThat(fastimg.coordinate()).contains(new Coordinate.Npm("react-native-fastimg", "4.2.0"));
        assertThat(fastimg.declaration().get().file()).endsWith(Path.of("package.json"));
        assertThat(fastimg.declaration().get().line()).isEqualTo(7);

        // the app's own code is in no dependency; libgood.so is a dependency's, but it fails only
        // by its place in the APK (zip-offset), and is still found
        assertThat(a.keySet()).noneMatch(k -> k.endsWith("libapp.so"));
        assertThat(of(a, "lib/arm64-v8a/libgood.so").coordinate())
                .contains(new Coordinate.Maven("io.github.good", "goodlib", "2.0.0"));
    }

    @Test
    void theGradleReportGivesThePathThroughRepeatedSubtreesAndSkipsConstraints() {
        GradleDependencyReport r = GradleDependencyReport.parse(List.of(
                "releaseRuntimeClasspath - Resolved configuration for runtime for variant: release",
                "+--- a:a:1",
                "|    \\--- c:c:1",
                "|         \\--- d:d:2",
                "+--- b:b:1",
                "|    \\--- c:c:1 (*)",
                "\\--- d:d:2 (c)",
                "",
                "debugRuntimeClasspath",
                "\\--- e:e:1"));
        assertThat(r.configurations()).containsExactly("releaseRuntimeClasspath", "debugRuntimeClasspath");
        assertThat(r.pathTo("d:d")).contains(List.of("a:a:1", "c:c:1", "d:d:2"));
        assertThat(r.pathTo("e:e")).contains(List.of("e:e:1"));
        assertThat(r.pathTo("z:z")).isEmpty();
        assertThatThrownBy(() -> GradleDependencyReport.parse(List.of("BUILD SUCCESSFUL")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no dependency tree");
    }

    @Test
    void coordinatesComeFromTheLayoutOfEachKindOfRepository(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("caches/modules-2/files-2.1/org.x/lib/1.0/0af3/lib-1.0.aar");
        Path maven = tmp.resolve("m2/org/x/sub/lib/2.0/lib-2.0-release.aar");
        Path npm = tmp.resolve("node_modules/@scope/pkg/android/libs/x.aar");
        for (Path p : List.of(cache, maven, npm)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
        }
        Files.writeString(tmp.resolve("node_modules/@scope/pkg/package.json"),
                "{\"name\": \"@scope/pkg\", \"dependencies\": {\"a\": \"1\"}, \"version\": \"3.1.4\"}");
        assertThat(CoordinateGuess.of(tmp, cache)).contains(new Coordinate.Maven("org.x", "lib", "1.0"));
        assertThat(CoordinateGuess.of(tmp.resolve("m2"), maven)).contains(new Coordinate.Maven("org.x.sub", "lib", "2.0"));
        assertThat(CoordinateGuess.of(tmp.resolve("node_modules"), npm)).contains(new Coordinate.Npm("@scope/pkg", "3.1.4"));
        assertThat(CoordinateGuess.of(tmp, tmp.resolve("m2/x.aar"))).isEmpty();
    }

    @Test
    void aMissingDependencyDirectoryIsBadInput() {
        assertThatThrownBy(() -> DependencyIndex.find(List.of(WORLD.resolve("nope")), List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--deps");
    }
}
