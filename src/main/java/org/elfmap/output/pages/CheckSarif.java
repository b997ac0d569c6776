package org.elfmap.output.pages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.elfmap.output.Renderer;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.ProblemKind;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.pages.origin.Origin;

/**
 * check-pages as SARIF 2.1.0 (OASIS, "Static Analysis Results Interchange Format Version 2.1.0"),
 * for GitHub code scanning and other SARIF consumers: one run, one rule per problem kind, one
 * result per problem with its values and its fix in the message, a physical location (the
 * project line that brings the library in, else the archive or file), a logical location (the
 * library inside its archive) and {@code partialFingerprints} that survive rebuilds (the rule,
 * the library's name in its archive and its dependency, never a path or version).
 */
public final class CheckSarif implements Renderer<CheckRun> {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT = "elfmapLibrary/v1";
    private static final String SRCROOT = "%SRCROOT%";
    private static final String GUIDE = "https://developer.android.com/guide/practices/page-sizes";
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final List<ProblemKind> RULES = List.of(ProblemKind.values());

    private final String toolVersion;

    /** The version elfmap reports ({@code --version}), or a development label. */
    public CheckSarif() {
        this(Optional.ofNullable(CheckSarif.class.getPackage().getImplementationVersion()).orElse("0.1.0-dev"));
    }

    public CheckSarif(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    @Override
    public void render(CheckRun run, PrintWriter out) {
        render(CheckPagesReport.of(run), out);
    }

    public void render(CheckPagesReport report, PrintWriter out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            tool(g);
            g.writeObjectFieldStart("originalUriBaseIds");
            g.writeObjectFieldStart(SRCROOT);
            g.writeStringField("uri", report.base().toUri().toString().replaceAll("/?$", "/"));
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (FileVerdict v : report.verdicts()) {
                for (PageProblem p : v.problems()) {
                    result(g, report, v, p);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("invocations");
            g.writeStartObject();
            g.writeBooleanField("executionSuccessful", true);
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("properties");
            g.writeNumberField("pageSize", report.pageSize());
            g.writeNumberField("checked", report.checked());
            g.writeNumberField("failed", report.failed());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private void tool(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("tool");
        g.writeObjectFieldStart("driver");
        g.writeStringField("name", "elfmap");
        g.writeStringField("version", toolVersion);
        g.writeStringField("informationUri", GUIDE);
        g.writeArrayFieldStart("rules");
        for (ProblemKind k : RULES) {
            g.writeStartObject();
            g.writeStringField("id", k.label());
            g.writeStringField("name", RuleText.name(k));
            text(g, "shortDescription", RuleText.summary(k));
            text(g, "fullDescription", RuleText.description(k));
            text(g, "help", RuleText.help(k));
            g.writeStringField("helpUri", GUIDE);
            g.writeObjectFieldStart("defaultConfiguration");
            g.writeStringField("level", "error");
            g.writeEndObject();
            g.writeObjectFieldStart("properties");
            g.writeArrayFieldStart("tags");
            g.writeString("android");
            g.writeString("16k-page-size");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, CheckPagesReport report, FileVerdict v, PageProblem p) throws IOException {
        Optional<Attribution> a = report.attribution(v);
        g.writeStartObject();
        g.writeStringField("ruleId", p.kind().label());
        g.writeNumberField("ruleIndex", RULES.indexOf(p.kind()));
        g.writeStringField("level", v.binding() ? "error" : "note");
        text(g, "message", Messages.problem(v, p, a));
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        CheckPagesReport.Location loc = report.location(v);
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        boolean relative = !loc.file().startsWith("/");
        g.writeStringField("uri", uri(loc.file()));
        if (relative) {
            g.writeStringField("uriBaseId", SRCROOT);
        }
        g.writeEndObject();
        if (loc.line().isPresent()) {
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", loc.line().get());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("logicalLocations");
        g.writeStartObject();
        g.writeStringField("fullyQualifiedName", v.path());
        g.writeStringField("kind", "module");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField(FINGERPRINT, fingerprint(v, p, a));
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("library", v.path());
        v.abi().ifPresent(abi -> field(g, "abi", abi));
        g.writeBooleanField("binding", v.binding());
        g.writeStringField("fix", FixAdvice.of(p, a));
        if (a.isPresent()) {
            a.get().coordinate().ifPresent(c -> field(g, "dependency", c.display()));
            Optional<Origin> o = a.get().primary();
            if (o.isPresent()) {
                g.writeStringField("foundIn", o.get().location());
                g.writeStringField("match", o.get().match().label());
            }
            if (!a.get().dependencyPath().isEmpty()) {
                g.writeArrayFieldStart("dependencyPath");
                for (String step : a.get().dependencyPath()) {
                    g.writeString(step);
                }
                g.writeEndArray();
            }
        }
        v.identity().ifPresent(id -> field(g, "sha256", id.sha256()));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String field, String text) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("text", text);
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, String value) {
        try {
            g.writeStringField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A relative path as a URI reference (spaces and the like escaped), an absolute one as a {@code file:} URI. */
    private static String uri(String file) {
        if (file.startsWith("/")) {
            return java.nio.file.Path.of(file).toUri().toString();
        }
        try {
            return new URI(null, null, file, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(file, e);
        }
    }

    /** Stable across rebuilds and checkouts: the rule, the library's name in its archive, its dependency's module. */
    static String fingerprint(FileVerdict v, PageProblem p, Optional<Attribution> a) {
        String library = v.path().contains("!/") ? v.entry() : v.abi().map(abi -> abi + "/").orElse("") + v.fileName();
        String key = p.kind().label() + "\0" + library + "\0"
                + a.flatMap(Attribution::coordinate).map(c -> c.module()).orElse("");
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
