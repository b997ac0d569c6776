package org.elfmap.output.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.elfmap.pages.FileVerdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SARIF output validated against the published SARIF 2.1.0 schema (OASIS, committed under
 * src/test/resources/schemas), and read back: one result per problem, each with a rule, its
 * values and its fix, a location, and fingerprints that do not depend on where the build ran.
 */
class CheckSarifTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static JsonNode render(CheckPagesReport r) throws Exception {
        StringWriter s = new StringWriter();
        new CheckSarif("0.1.0").render(r, new PrintWriter(s));
        return JSON.readTree(s.toString());
    }

    static Set<ValidationMessage> validate(JsonNode sarif) {
        return schema.validate(sarif);
    }

    @Test
    void theOutputIsValidSarif210AndTheSchemaCatchesBrokenOutput() throws Exception {
        JsonNode sarif = render(AndroidWorld.report(true));
        assertThat(validate(sarif)).isEmpty();
        assertThat(validate(render(AndroidWorld.report(false)))).isEmpty();
        // the validator is not a rubber stamp: a level SARIF does not have, and no version
        ObjectNode broken = sarif.deepCopy();
        ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        broken.remove("version");
        assertThat(validate(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void oneResultPerProblemWithRuleValuesFixAndLocation() throws Exception {
        CheckPagesReport r = AndroidWorld.report(true);
        JsonNode run = render(r).get("runs").get(0);
        Set<String> rules = new HashSet<>();
        run.get("tool").get("driver").get("rules").forEach(x -> rules.add(x.get("id").asText()));
        assertThat(rules).containsExactlyInAnyOrder("align", "relro-start", "relro-end", "zip-offset", "congruence",
                "malformed");
        long problems = r.verdicts().stream().mapToLong(v -> v.problems().size()).sum();
        assertThat(run.get("results")).hasSize((int) problems);
        for (JsonNode res : run.get("results")) {
            assertThat(rules).contains(res.get("ruleId").asText());
            String msg = res.get("message").get("text").asText();
            assertThat(msg).contains("Fix: ").containsPattern("0x[0-9a-f]+");
            assertThat(res.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                    .isNotBlank();
            assertThat(res.get("partialFingerprints").get(CheckSarif.FINGERPRINT).asText()).hasSize(32);
        }
    }

    /**
     * SARIF 2.1.0 §3.14.14: a base URI ends with one slash. A directory that exists already gets
     * one from {@code Path.toUri} (the reviewer saw {@code file:///tmp/rev3/apk//} and, at
     * {@code /}, {@code file:////}).
     */
    @Test
    void theSourceRootUriEndsInExactlyOneSlash(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(CheckSarif.directoryUri(Path.of("/"))).isEqualTo("file:///");
        assertThat(CheckSarif.directoryUri(dir)).isEqualTo("file://" + dir + "/");
        assertThat(CheckSarif.directoryUri(dir.resolve("not-made"))).isEqualTo("file://" + dir + "/not-made/");
        String root = render(AndroidWorld.report(true)).get("runs").get(0).get("originalUriBaseIds")
                .get("%SRCROOT%").get("uri").asText();
        assertThat(root).endsWith("/").doesNotEndWith("//");
    }

    /** libpdfium comes through the viewer, which the version catalog declares: that line is the location. */
    @Test
    void aDependencysLibraryPointsAtTheLineThatBringsItIn() throws Exception {
        JsonNode results = render(AndroidWorld.report(true)).get("runs").get(0).get("results");
        JsonNode pdfium = find(results, "app-release.apk!/lib/arm64-v8a/libpdfium.so");
        JsonNode loc = pdfium.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uri").asText())
                .isEqualTo("src/test/resources/fixtures/android/project/gradle/libs.versions.toml");
        List<String> toml = Files.readAllLines(AndroidWorld.PROJECT.resolve("gradle/libs.versions.toml"));
        assertThat(toml.get(loc.get("region").get("startLine").asInt() - 1)).contains("com.example.viewer:viewer");
        assertThat(pdfium.get("message").get("text").asText()).contains("upgrade com.example.pdf:pdfium past version 1.2.0")
                .contains("com.example.viewer:viewer:3.1.0");
        assertThat(pdfium.get("properties").get("dependency").asText()).isEqualTo("com.example.pdf:pdfium:1.2.0");
        // without --project: the archive itself
        JsonNode bare = find(render(AndroidWorld.report(false)).get("runs").get(0).get("results"),
                "app-release.apk!/lib/arm64-v8a/libpdfium.so");
        assertThat(bare.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .endsWith("outputs/apk/release/app-release.apk");
        assertThat(bare.get("locations").get(0).get("physicalLocation").has("region")).isFalse();
    }

    @Test
    void fingerprintsDoNotDependOnWhereTheBuildRan() throws Exception {
        CheckPagesReport here = AndroidWorld.report(true);
        CheckPagesReport elsewhere = new CheckPagesReport(here.page(), here.verdicts(), here.attributions(), Path.of("/"));
        List<String> a = fingerprints(render(here));
        assertThat(a).isEqualTo(fingerprints(render(elsewhere)));
        // one library, two ABIs: two fingerprints
        FileVerdict arm = here.verdicts().stream().filter(v -> v.path().endsWith("arm64-v8a/libpdfium.so")).findFirst().get();
        FileVerdict x86 = here.verdicts().stream().filter(v -> v.path().endsWith("x86_64/libpdfium.so")).findFirst().get();
        assertThat(CheckSarif.fingerprint(arm, arm.problems().get(0), here.attribution(arm)))
                .isNotEqualTo(CheckSarif.fingerprint(x86, x86.problems().get(0), here.attribution(x86)));
    }

    /** SARIF goes through JsonOutput: a name with a right-to-left override is written escaped, and reads back exact. */
    @Test
    void namesThatWouldDriveTheTerminalAreEscaped() throws Exception {
        String name = "libcod\u202eos.so";
        FileVerdict v = new FileVerdict(name, List.of(new org.elfmap.pages.PageProblem.Malformed("cut short")),
                List.of(), true, java.util.Optional.empty(), List.of(), java.util.Optional.empty());
        StringWriter s = new StringWriter();
        new CheckSarif("0.1.0").render(new CheckPagesReport(org.elfmap.space.PageSize.P16K, List.of(v),
                java.util.Map.of(), Path.of("")), new PrintWriter(s));
        assertThat(s.toString()).doesNotContain("\u202e").contains("libcod\\u202eos.so");
        JsonNode result = JSON.readTree(s.toString()).get("runs").get(0).get("results").get(0);
        assertThat(result.get("properties").get("library").asText()).isEqualTo(name);
    }

    private static List<String> fingerprints(JsonNode sarif) {
        return sarif.get("runs").get(0).get("results").findValuesAsText(CheckSarif.FINGERPRINT);
    }

    static JsonNode find(JsonNode results, String library) {
        for (JsonNode r : results) {
            if (r.get("properties").get("library").asText().endsWith(library)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + library);
    }
}
