package org.elfmap.output.pages;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import org.elfmap.output.ToolVersion;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.ProblemKind;
import org.elfmap.pages.origin.Attribution;

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
    private static final List<ProblemKind> RULES = List.of(ProblemKind.values());

    private final String toolVersion;

    /** The version elfmap reports ({@code --version}). */
    public CheckSarif() {
        this(ToolVersion.current());
    }

    public CheckSarif(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    @Override
    public void render(CheckRun run, PrintWriter out) {
        render(CheckPagesReport.of(run), out);
    }

    /** Through {@link JsonOutput}: names from archives keep its escapes of C1 controls and bidi overrides. */
    public void render(CheckPagesReport report, PrintWriter out) {
        JsonOutput j = new JsonOutput(out);
        j.startObject().field("$schema", SCHEMA).field("version", "2.1.0").startArray("runs").startObject();
        tool(j);
        j.startObject("originalUriBaseIds").startObject(SRCROOT).field("uri", directoryUri(report.base()))
                .endObject().endObject();
        j.startArray("results");
        for (FileVerdict v : report.verdicts()) {
            for (PageProblem p : v.problems()) {
                result(j, report, v, p);
            }
        }
        j.endArray();
        invocation(j, report.inputErrors());
        j.startObject("properties").field("pageSize", report.page().bytes()).field("checked", report.tally().checked())
                .field("failed", report.tally().failed()).endObject();
        j.endObject().endArray().endObject();
        j.close();
        out.println();
    }

    /**
     * A run in which a path named could not be checked did not succeed (exit 2): SARIF's
     * {@code executionSuccessful} false, each error a {@code toolExecutionNotifications} entry
     * (SARIF 2.1.0 3.20.14, 3.20.21).
     */
    private static void invocation(JsonOutput j, List<String> inputErrors) {
        j.startArray("invocations").startObject().field("executionSuccessful", inputErrors.isEmpty());
        if (!inputErrors.isEmpty()) {
            j.startArray("toolExecutionNotifications");
            for (String e : inputErrors) {
                j.startObject().field("level", "error");
                text(j, "message", e);
                j.endObject();
            }
            j.endArray();
        }
        j.endObject().endArray();
    }

    private void tool(JsonOutput j) {
        j.startObject("tool").startObject("driver").field("name", "elfmap").field("version", toolVersion)
                .field("informationUri", GUIDE).startArray("rules");
        for (ProblemKind k : RULES) {
            j.startObject().field("id", k.label()).field("name", RuleText.name(k));
            text(j, "shortDescription", RuleText.summary(k));
            text(j, "fullDescription", RuleText.description(k));
            text(j, "help", RuleText.help(k));
            j.field("helpUri", GUIDE);
            j.startObject("defaultConfiguration").field("level", "error").endObject();
            j.startObject("properties").startArray("tags").value("android").value("16k-page-size").endArray()
                    .endObject();
            j.endObject();
        }
        j.endArray().endObject().endObject();
    }

    private static void result(JsonOutput j, CheckPagesReport report, FileVerdict v, PageProblem p) {
        Optional<Attribution> a = report.attribution(v);
        j.startObject().field("ruleId", p.kind().label()).field("ruleIndex", RULES.indexOf(p.kind()))
                .field("level", v.binding() ? "error" : "note");
        text(j, "message", Messages.problem(v, p, a));
        j.startArray("locations").startObject();
        CheckPagesReport.Location loc = report.location(v);
        j.startObject("physicalLocation").startObject("artifactLocation").field("uri", uri(loc.file()));
        if (!loc.file().startsWith("/")) {
            j.field("uriBaseId", SRCROOT);
        }
        j.endObject();
        loc.line().ifPresent(line -> j.startObject("region").field("startLine", line).endObject());
        j.endObject();
        j.startArray("logicalLocations").startObject().field("fullyQualifiedName", v.path()).field("kind", "module")
                .endObject().endArray();
        j.endObject().endArray();
        j.startObject("partialFingerprints").field(FINGERPRINT, fingerprint(v, p, a)).endObject();
        j.startObject("properties").field("library", v.path());
        v.abi().ifPresent(abi -> j.field("abi", abi));
        j.field("binding", v.binding()).field("fix", FixAdvice.of(p, a));
        if (a.isPresent()) {
            a.get().coordinate().ifPresent(c -> j.field("dependency", c.display()));
            a.get().primary().ifPresent(o -> j.field("foundIn", o.location()).field("match", o.match().label()));
            if (!a.get().dependencyPath().isEmpty()) {
                j.startArray("dependencyPath");
                a.get().dependencyPath().forEach(j::value);
                j.endArray();
            }
        }
        v.identity().ifPresent(id -> j.field("sha256", id.sha256()));
        j.endObject().endObject();
    }

    private static void text(JsonOutput j, String field, String text) {
        j.startObject(field).field("text", text).endObject();
    }

    /**
     * The base directory's URI with the one trailing slash SARIF asks of a base (SARIF 2.1.0
     * §3.14.14: it "SHALL end with a slash"). {@code toUri} already ends an existing directory's
     * URI in one; a regex such as {@code "/?$"} would match twice there (the slash, then the empty
     * end) and write two.
     */
    static String directoryUri(java.nio.file.Path dir) {
        String u = dir.toUri().toString();
        return u.endsWith("/") ? u : u + "/";
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
