package org.elfmap.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.elfmap.BadInputException;
import org.elfmap.loader.Loaders;
import org.elfmap.output.Format;
import org.elfmap.output.Renderers;
import org.elfmap.output.pages.CheckRun;
import org.elfmap.pages.CheckOptions;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageChecker;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.pages.origin.Attributor;
import org.elfmap.pages.origin.GradleDependencyReport;
import org.elfmap.pages.origin.ProjectDeclarations;
import org.elfmap.space.PageSize;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap check-pages PATH...}: page-size compatibility of ELF files, trees and archives. */
final class CheckPagesCommand implements Subcommand {
    static final String NAME = "check-pages";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "Page-size compatibility of ELF files, trees and archives (Android's 16 KiB rule)", new String[] {
            "Check that ELF files load on a system with a given page size (default 16k, as on",
            "Android 15+ devices and some arm64 Linux kernels).",
            "",
            "PATH may be an ELF file, a directory (scanned recursively; links to directories are",
            "followed only with --follow) or an archive (zip, jar, apk, aab, aar: .so entries are",
            "read in place).",
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
            ""}, new String[] {"",
            "Formats: text, json, sarif (SARIF 2.1.0), junit (JUnit XML), github (workflow annotations,",
            "and a Markdown summary appended to $GITHUB_STEP_SUMMARY when it is set).",
            "Exit codes: 0 every file passes; 1 some file fails; 2 bad usage (in every format).",
            "",
            "Examples:",
            "  elfmap check-pages app-release.apk",
            "  elfmap check-pages --deps ~/.gradle/caches/modules-2/files-2.1 --project . app/build/outputs",
            "  elfmap check-pages --format sarif app/build/outputs > check-pages.sarif",
            "  elfmap check-pages --page-size 64k /usr/lib/aarch64-linux-gnu",
            "  elfmap check-pages --what-if libfoo.so      VSZ and gaps at 4k, 16k and 64k pages"});
        CommonOptions.addTo(spec, NAME);
        spec.addOption(Specs.flag("Let 32-bit ABIs and 32-bit ELF files fail the run too", "--all-abis"));
        spec.addOption(Specs.flag("Also show each file's mapped image (VSZ, gaps) at 4k, 16k and 64k pages",
                "--what-if"));
        spec.addOption(Specs.value("NAME", "Loader model for --what-if (default: the file's own)", "-l", "--loader"));
        spec.addOption(Specs.flag("List only the files that fail (text; the other formats list every file)", "-q",
                "--quiet"));
        spec.addOption(Specs.flag("Follow symbolic links to directories in trees (each directory once)", "--follow"));
        spec.addOption(Specs.repeatable("DIR", "Where dependencies live (Gradle cache, Maven repository, node_modules;"
                + " repeat for several): name the one that ships each library with problems", "--deps"));
        spec.addOption(Specs.value("FILE", "Output of 'gradle :app:dependencies': the path from the app to each"
                + " dependency", "--dependency-tree"));
        spec.addOption(Specs.value("DIR", "The project: the line that brings a dependency in (libs.versions.toml,"
                + " build.gradle(.kts), package.json)", "--project"));
        spec.addPositional(Specs.positional("0..*", "1..*", "PATH",
                "ELF files, directories, archives; @LIST reads paths from LIST, one per line"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        PageSize page = common.pageSize(PageSize.P16K);
        if (args.flag("--quiet") && common.format() != Format.TEXT) {
            throw new BadInputException("--quiet", "lists fewer files in text only: --format " + common.format().label()
                    + " lists every file");
        }
        List<Path> deps = args.values("--deps").stream().map(Path::of).toList();
        if (deps.isEmpty() && (args.flag("--dependency-tree") || args.flag("--project"))) {
            throw new BadInputException("--dependency-tree/--project", "they need --deps DIR to find the dependencies in");
        }
        // the inputs that can be wrong are read before the scan, so a typo costs no time
        Optional<Attributor> attributor = deps.isEmpty() ? Optional.empty() : Optional.of(new Attributor(deps,
                args.value("--dependency-tree").map(Path::of).map(GradleDependencyReport::read),
                args.value("--project").map(Path::of).map(ProjectDeclarations::scan)));
        CheckOptions opts = new CheckOptions(page, args.flag("--all-abis"),
                args.flag("--what-if") ? List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K) : List.of(),
                args.value("--loader").map(String::trim).map(Loaders::named), attributor.isPresent());
        var renderer = Renderers.checkPages(common.format());
        Iterable<Path> paths = PathArguments.expand(args.positionals(0));
        Scan scan = new Scan(page, args.flag("--quiet"), args.flag("--follow"), opts, paths, common, io, attributor);
        io.render(renderer, scan, common.format());
        if (!scan.inputErrors().isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        if (scan.tally().checked() == 0) {
            // exit 0 is right (nothing fails), but a CI job pointed at the wrong directory should hear it
            io.err().println("elfmap: warning: no ELF file found in the paths given (archives inside archives are"
                    + " not opened): nothing was checked");
        }
        return scan.tally().failed() > 0 ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    /**
     * The run the renderer drives: each path checked as the renderer asks for verdicts, and
     * counted. With dependencies to search, every verdict is made first, the failing ones are
     * attributed, and then the verdicts are handed out.
     */
    private static final class Scan implements CheckRun {
        private final PageSize page;
        private final boolean quiet;
        private final boolean follow;
        private final CheckOptions options;
        private final Iterable<Path> paths;
        private final CommonOptions common;
        private final Io io;
        private final Optional<Attributor> attributor;
        private Map<String, Attribution> attributions = Map.of();
        private Tally tally = Tally.NONE;
        private final List<String> inputErrors = new ArrayList<>();
        private int linksNotFollowed;

        Scan(PageSize page, boolean quiet, boolean follow, CheckOptions options, Iterable<Path> paths,
             CommonOptions common, Io io, Optional<Attributor> attributor) {
            this.page = page;
            this.quiet = quiet;
            this.follow = follow;
            this.options = options;
            this.paths = paths;
            this.common = common;
            this.io = io;
            this.attributor = attributor;
        }

        @Override
        public PageSize page() {
            return page;
        }

        @Override
        public boolean quiet() {
            return quiet;
        }

        @Override
        public Optional<Attribution> attribution(FileVerdict v) {
            return Optional.ofNullable(attributions.get(v.path()));
        }

        @Override
        public void forEach(Consumer<FileVerdict> each) {
            if (attributor.isEmpty()) {
                scan(each);
                return;
            }
            List<FileVerdict> all = new ArrayList<>();
            scan(all::add);
            try {
                attributions = attributor.get().attribute(all);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all.forEach(each);
        }

        private void scan(Consumer<FileVerdict> each) {
            PageChecker checker = new PageChecker(options, follow, common.root(), v -> {
                tally = tally.plus(v);
                each.accept(v);
            }, this::notChecked);
            for (Path p : paths) {
                try {
                    checker.check(Roots.resolve(common.root(), p));
                } catch (BadInputException e) {
                    notChecked(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            linksNotFollowed = checker.linksNotFollowed();
        }

        /** A path, named or met in a tree, that could not be checked: its line now, in the report at the end. */
        private void notChecked(BadInputException e) {
            io.out().flush();
            Main.report(io.err(), e, common.debug());
            inputErrors.add(e.getMessage());
        }

        @Override
        public int linksNotFollowed() {
            return linksNotFollowed;
        }

        @Override
        public Tally tally() {
            return tally;
        }

        @Override
        public List<String> inputErrors() {
            return List.copyOf(inputErrors);
        }
    }
}
