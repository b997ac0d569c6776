package org.elfmap.cli;

import org.elfmap.output.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.elfmap.BadInputException;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.elfmap.pages.CheckOptions;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageChecker;
import org.elfmap.pages.WhatIf;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.pages.origin.Attributor;
import org.elfmap.pages.origin.GradleDependencyReport;
import org.elfmap.pages.origin.ProjectDeclarations;
import org.elfmap.output.checkpages.CheckPagesReport;
import org.elfmap.output.checkpages.GithubRenderer;
import org.elfmap.output.checkpages.JsonRenderer;
import org.elfmap.output.checkpages.JunitRenderer;
import org.elfmap.output.checkpages.SarifRenderer;
import org.elfmap.output.checkpages.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap check-pages PATH...}: page-size compatibility of ELF files, trees and archives. */
@Command(name = "check-pages", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Check that ELF files load on a system with a given page size (default 16k, as on",
            "Android 15+ devices and some arm64 Linux kernels).",
            "",
            "PATH may be an ELF file, a directory (scanned recursively, symlinks followed once)",
            "or an archive (zip, jar, apk, aab, aar: .so entries are read in place).",
            "The rules are Android's own (the platform's ELF policy, as PackageManager applies it",
            "since Android 16, and Android Studio's): align (the smallest PT_LOAD p_align below",
            "the page size), relro-start and relro-end (PT_GNU_RELRO not on a page where it",
            "does not start or end with its LOAD), zip-offset (a stored .so not page-aligned",
            "in its APK); plus congruence (p_offset and p_vaddr differ modulo the page size)",
            "and malformed. A compressed .so gets a note: the installer extracts it.",
            "32-bit ABIs (armeabi-v7a, x86) and 32-bit ELF files are reported but do not fail",
            "the run unless --all-abis: Android's 16 KiB rule binds only 64-bit code.",
            "",
            "--deps (repeated) names where dependencies live (a Gradle cache such as",
            "~/.gradle/caches/modules-2/files-2.1, a Maven repository, node_modules): each",
            "library with problems is found there by its SHA-256 (or GNU build ID) and named",
            "by its Maven coordinate or npm package; --dependency-tree FILE (the output of",
            "'gradle :app:dependencies') adds the path from the app, --project DIR the line",
            "of build.gradle(.kts), libs.versions.toml or package.json that brings it in.",
            ""},
        footer = {"",
            "Exit codes: 0 every file passes; 1 some file fails; 2 bad usage (in every --format).",
            "",
            "Examples:",
            "  elfmap check-pages app-release.apk",
            "  elfmap check-pages --deps ~/.gradle/caches/modules-2/files-2.1 --project . app/build/outputs",
            "  elfmap check-pages --format sarif app/build/outputs > check-pages.sarif",
            "  elfmap check-pages --page-size 64k /usr/lib/aarch64-linux-gnu",
            "  elfmap check-pages --what-if libfoo.so      VSZ and gaps at 4k, 16k and 64k pages"})
public final class CheckPagesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--all-abis", description = "Let 32-bit ABIs and 32-bit ELF files fail the run too")
    boolean allAbis;

    @Option(names = "--what-if", description = "Also show each file's mapped image (VSZ, gaps) at 4k, 16k and 64k pages")
    boolean whatIf;

    @Option(names = {"-l", "--loader"}, paramLabel = "NAME", description = "Loader model for --what-if (default: the file's own)")
    String loader;

    @Option(names = {"-q", "--quiet"}, description = "List only the files that fail")
    boolean quiet;

    @Option(names = "--deps", paramLabel = "DIR",
            description = "Where dependencies live (Gradle cache, Maven repository, node_modules; repeat for several): name the one that ships each library with problems")
    List<Path> deps = new ArrayList<>();

    @Option(names = "--dependency-tree", paramLabel = "FILE",
            description = "Output of 'gradle :app:dependencies': show the path from the app to each dependency")
    Path dependencyTree;

    @Option(names = "--project", paramLabel = "DIR",
            description = "The project: point at the line of libs.versions.toml, build.gradle(.kts) or package.json that brings a dependency in")
    Path project;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default), json (= --json), sarif (SARIF 2.1.0), junit (JUnit XML) or github (workflow annotations; with $GITHUB_STEP_SUMMARY set, a Markdown summary appended to it)")
    String format;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "ELF files, directories, archives; @LIST reads paths from LIST, one per line")
    List<String> paths;

    @Spec
    CommandSpec spec;

    private long checked;
    private long failed;
    private long notBinding;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PageSize page = common.pageSize(PageSize.P16K);
        boolean attribute = !deps.isEmpty();
        if (!attribute && (dependencyTree != null || project != null)) {
            throw new BadInputException("--dependency-tree/--project", "they need --deps DIR to find the dependencies in");
        }
        // read the inputs that can be wrong before the scan, so a typo costs no time
        Optional<GradleDependencyReport> report = Optional.ofNullable(dependencyTree).map(GradleDependencyReport::read);
        Optional<ProjectDeclarations> declarations = Optional.ofNullable(project).map(ProjectDeclarations::scan);
        CheckOptions opts = new CheckOptions(page, allAbis,
                whatIf ? List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K) : List.of(),
                Optional.ofNullable(loader).map(Loaders::named), attribute);
        CheckFormat f = CheckFormat.of(format, common.json());
        boolean collect = attribute || f.wholeReport();
        TextRenderer text = new TextRenderer(out, quiet);
        JsonRenderer jsonOut = f == CheckFormat.JSON && !collect ? new JsonRenderer(out, page.bytes()) : null;
        List<FileVerdict> all = new ArrayList<>();
        PageChecker checker = new PageChecker(opts, v -> {
            count(v);
            if (collect) {
                all.add(v); // printed once the dependencies were searched, or all at once
            } else if (jsonOut != null) {
                jsonOut.verdict(v, Optional.empty());
            } else {
                printText(text, out, v, Optional.empty());
            }
        });
        boolean usageError = false;
        for (Path p : PathArguments.expand(paths)) {
            try {
                checker.check(Roots.resolve(common.root(), p));
            } catch (BadInputException e) {
                out.flush();
                err.println("elfmap: " + Main.oneLine(e.getMessage()));
                usageError = true;
            }
        }
        Map<String, Attribution> attributions = attribute
                ? new Attributor(deps, report, declarations).attribute(all) : Map.of();
        CheckPagesReport whole = new CheckPagesReport(page.bytes(), all, attributions, Path.of(""));
        switch (f) {
            case SARIF -> new SarifRenderer(new Main.Version().getVersion()[0].replace("elfmap ", "")).render(whole, out);
            case JUNIT -> new JunitRenderer(hostname(), LocalDateTime.now()).render(whole, out);
            case GITHUB -> {
                new GithubRenderer().render(whole, out);
                stepSummary(whole, err);
            }
            case JSON -> {
                JsonRenderer j = jsonOut != null ? jsonOut : new JsonRenderer(out, page.bytes());
                for (FileVerdict v : all) {
                    j.verdict(v, whole.attribution(v));
                }
                j.end(checked, failed);
            }
            default -> {
                for (FileVerdict v : all) {
                    printText(text, out, v, whole.attribution(v));
                }
                text.summary(checked, failed, notBinding, page.bytes());
            }
        }
        out.flush();
        if (usageError) {
            return Main.EXIT_BAD_INPUT;
        }
        return failed > 0 ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    /** {@code --format} for check-pages until the common option lands; {@code --json} is {@code json}. */
    enum CheckFormat {
        TEXT, JSON, SARIF, JUNIT, GITHUB;

        static CheckFormat of(String name, boolean json) {
            if (name == null) {
                return json ? JSON : TEXT;
            }
            CheckFormat f;
            try {
                f = valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--format", "'" + name + "' is not a check-pages format (text, json, sarif,"
                        + " junit, github)");
            }
            if (json && f != JSON) {
                throw new BadInputException("--format", "--json and --format " + name + " ask for two formats");
            }
            return f;
        }

        /** Needs every verdict before it writes anything. */
        boolean wholeReport() {
            return this == SARIF || this == JUNIT || this == GITHUB;
        }
    }

    /** GitHub Actions' job summary: appended to the file $GITHUB_STEP_SUMMARY names, when it does. */
    private static void stepSummary(CheckPagesReport whole, PrintWriter err) {
        String file = System.getenv("GITHUB_STEP_SUMMARY");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), GithubRenderer.summary(whole), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            err.println("elfmap: cannot append the summary to $GITHUB_STEP_SUMMARY (" + file + "): " + e.getMessage());
        }
    }

    /** The kernel's host name (JUnit's testsuite/@hostname) without a DNS lookup; localhost when unknown. */
    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    private void count(FileVerdict v) {
        checked++;
        if (v.fails()) {
            failed++;
        } else if (!v.ok()) {
            notBinding++;
        }
    }

    private static void printText(TextRenderer text, PrintWriter out, FileVerdict v, Optional<Attribution> a) {
        if (text.verdict(v, a)) {
            for (WhatIf w : v.whatIf()) {
                out.printf("      at %-4s %s: VSZ %s, gaps %s%s%n", new PageSize(w.pageSize()).label(), w.loader(),
                        Sizes.human(w.vszBytes()), Sizes.human(w.gapBytes()),
                        w.refusal().map(r -> ", REFUSED: " + Words.refusal(r)).orElse(""));
            }
        }
    }
}
