package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-pages end to end in each CI format: the exit codes (0 pass, 1 fail, 2 bad usage) hold in
 * every format, the dependency options reach the output, and {@code --format github} appends its
 * summary to the file {@code $GITHUB_STEP_SUMMARY} names (a child JVM, to set the variable).
 */
class CheckPagesFormatsTest {
    static final String WORLD = "src/test/resources/fixtures/android";
    static final String OUTPUTS = WORLD + "/project/app/build/outputs";
    static final String PASSING = "src/test/resources/fixtures/arm64/app-16k-stored16k.apk";
    static final ObjectMapper JSON = new ObjectMapper();

    static String[] withDeps(String... args) {
        List<String> a = new ArrayList<>(List.of("check-pages", "--deps", WORLD + "/gradle-cache", "--deps",
                WORLD + "/maven-repo", "--deps", WORLD + "/project/node_modules", "--dependency-tree",
                WORLD + "/dependencies.txt", "--project", WORLD + "/project"));
        a.addAll(List.of(args));
        return a.toArray(String[]::new);
    }

    @Test
    void sarifIsValidAndExitCodesHold() throws Exception {
        CliRun fail = CliRun.of(withDeps("--format", "sarif", OUTPUTS));
        assertThat(fail.exit()).as(fail.err()).isEqualTo(1);
        JsonNode sarif = JSON.readTree(fail.out());
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json"))) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in).validate(sarif)).isEmpty();
        }
        assertThat(sarif.get("runs").get(0).get("results").findValuesAsText("dependency"))
                .contains("com.example.pdf:pdfium:1.2.0", "com.example:legacy:0.9", "react-native-fastimg@4.2.0");
        CliRun pass = CliRun.of("check-pages", "--format", "sarif", PASSING);
        assertThat(pass.exit()).isZero();
        assertThat(JSON.readTree(pass.out()).get("runs").get(0).get("results")).isEmpty();
        // a missing input is exit 2 and one line, and the report of the others is still whole
        CliRun missing = CliRun.of("check-pages", "--format", "sarif", PASSING, "no-such.apk");
        missing.failsWith("no-such.apk").oneErrorLine();
        assertThat(JSON.readTree(missing.out()).get("version").asText()).isEqualTo("2.1.0");
    }

    /** A path that cannot be checked fails the run (exit 2), and every format says so, not only stderr. */
    @Test
    void aPathThatCannotBeCheckedIsInEveryFormat() throws Exception {
        CliRun sarif = CliRun.of("check-pages", "--format", "sarif", PASSING, "/nonexistent");
        sarif.failsWith("/nonexistent: no such file or directory").oneErrorLine();
        JsonNode doc = JSON.readTree(sarif.out());
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json"))) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in).validate(doc)).isEmpty();
        }
        JsonNode invocation = doc.get("runs").get(0).get("invocations").get(0);
        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        JsonNode note = invocation.get("toolExecutionNotifications").get(0);
        assertThat(note.get("level").asText()).isEqualTo("error");
        assertThat(note.get("message").get("text").asText()).isEqualTo("/nonexistent: no such file or directory");

        CliRun junit = CliRun.of("check-pages", "--format", "junit", PASSING, "/nonexistent");
        assertThat(junit.exit()).isEqualTo(2);
        org.elfmap.output.pages.JunitSchema.validate(junit.out());
        assertThat(junit.out()).contains("<error message=\"/nonexistent: no such file or directory\" type=\"input\"");

        CliRun text = CliRun.of("check-pages", PASSING, "/nonexistent");
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.out()).contains("1 ELF file checked at 16k pages: 0 fail; 1 path could not be checked"
                + " (exit 2)");
        CliRun json = CliRun.of("check-pages", "--json", PASSING, "/nonexistent");
        assertThat(JSON.readTree(json.out()).get("notChecked").get(0).asText())
                .isEqualTo("/nonexistent: no such file or directory");
        CliRun github = CliRun.of("check-pages", "--format", "github", PASSING, "/nonexistent");
        assertThat(github.out()).contains("::error title=elfmap check-pages::/nonexistent: no such file or directory");
    }

    @Test
    void junitAndJsonCarryTheDependency() throws Exception {
        CliRun junit = CliRun.of(withDeps("--format", "junit", OUTPUTS));
        assertThat(junit.exit()).isEqualTo(1);
        assertThat(junit.out()).startsWith("<?xml").contains("<testsuites>").contains("upgrade com.example.pdf:pdfium");
        CliRun json = CliRun.of(withDeps("--json", OUTPUTS));
        JsonNode files = JSON.readTree(json.out()).get("files");
        JsonNode pdfium = null;
        for (JsonNode f : files) {
            if (f.get("path").asText().endsWith(".apk!/lib/arm64-v8a/libpdfium.so")) {
                pdfium = f;
            }
        }
        assertThat(pdfium).isNotNull();
        assertThat(pdfium.get("dependency").get("coordinate").asText()).isEqualTo("com.example.pdf:pdfium:1.2.0");
        assertThat(pdfium.get("dependency").get("path").get(0).asText()).isEqualTo("com.example.viewer:viewer:3.1.0");
        assertThat(pdfium.get("problems").get(0).get("fix").asText()).startsWith("upgrade com.example.pdf:pdfium");
    }

    @Test
    void badFormatsAndOptionsAreUsageErrors() {
        CliRun.of("check-pages", "--format", "xml", PASSING).failsWith("--format", "xml").oneErrorLine();
        CliRun.of("check-pages", "--json", "--format", "sarif", PASSING).failsWith("contradicts --format sarif")
                .oneErrorLine();
        CliRun.of("check-pages", "--project", WORLD + "/project", PASSING).failsWith("--deps").oneErrorLine();
        CliRun.of("check-pages", "--deps", WORLD + "/nope", PASSING).failsWith("--deps").oneErrorLine();
        CliRun.of("check-pages", "--deps", WORLD, "--dependency-tree", WORLD + "/project/package.json", PASSING)
                .failsWith("no dependency tree").oneErrorLine();
    }

    @Test
    void githubAnnotationsAndAStepSummary(@TempDir Path tmp) throws Exception {
        Path summary = tmp.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(withDeps("--format", "github", OUTPUTS)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out.lines().filter(l -> l.startsWith("::error file=")).count()).isGreaterThanOrEqualTo(8);
        assertThat(out).contains("::error file=" + WORLD + "/project/gradle/libs.versions.toml,line=7,title=elfmap align%3A libpdfium.so");
        String md = Files.readString(summary);
        assertThat(md).startsWith("earlier step\n### elfmap check-pages: 16k pages")
                .contains("com.example.pdf:pdfium:1.2.0 via com.example.viewer:viewer:3.1.0");
    }
}
