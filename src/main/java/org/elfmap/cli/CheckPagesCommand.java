package org.elfmap.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.elfmap.BadInputException;
import org.elfmap.loader.Loaders;
import org.elfmap.output.Renderers;
import org.elfmap.output.pages.CheckRun;
import org.elfmap.pages.CheckOptions;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageChecker;
import org.elfmap.space.PageSize;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap check-pages PATH...}: page-size compatibility of ELF files, trees and archives. */
final class CheckPagesCommand implements Subcommand {
    static final String NAME = "check-pages";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "Page-size compatibility of ELF files, trees and archives (Android's 16 KB rule)", new String[] {
            "Check that ELF files load on a system with a given page size (default 16k, as on",
            "Android 15+ devices and some arm64 Linux kernels).",
            "",
            "PATH may be an ELF file, a directory (scanned recursively; links to directories are",
            "followed only with --follow) or an archive (zip, jar, apk, aab, aar: .so entries are",
            "read in place).",
            "Problems: align (a PT_LOAD p_align below the page size), congruence (p_offset and",
            "p_vaddr differ modulo the page size), zip-offset (a stored .so not page-aligned in",
            "its archive), relro (PT_GNU_RELRO not ending on a page boundary), malformed.",
            "A compressed .so gets a note, not a problem: the installer extracts it.",
            "Libraries of 32-bit Android ABIs (armeabi-v7a, x86) are reported but do not fail",
            "the run unless --all-abis: Android's 16 KiB rule binds only 64-bit ABIs.",
            ""}, new String[] {"",
            "Exit codes: 0 every file passes; 1 some file fails; 2 bad usage.",
            "",
            "Examples:",
            "  elfmap check-pages app-release.apk",
            "  elfmap check-pages --page-size 64k /usr/lib/aarch64-linux-gnu",
            "  elfmap check-pages --what-if libfoo.so      VSZ and gaps at 4k, 16k and 64k pages"});
        CommonOptions.addTo(spec, NAME);
        spec.addOption(Specs.flag("Let libraries of 32-bit Android ABIs fail the run too", "--all-abis"));
        spec.addOption(Specs.flag("Also show each file's mapped image (VSZ, gaps) at 4k, 16k and 64k pages",
                "--what-if"));
        spec.addOption(Specs.value("NAME", "Loader model for --what-if (default: the file's own)", "-l", "--loader"));
        spec.addOption(Specs.flag("List only the files that fail", "-q", "--quiet"));
        spec.addOption(Specs.flag("Follow symbolic links to directories in trees (each directory once)", "--follow"));
        spec.addPositional(Specs.positional("0..*", "1..*", "PATH",
                "ELF files, directories, archives; @LIST reads paths from LIST, one per line"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        PageSize page = common.pageSize(PageSize.P16K);
        CheckOptions opts = new CheckOptions(page, args.flag("--all-abis"),
                args.flag("--what-if") ? List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K) : List.of(),
                args.value("--loader").map(String::trim).map(Loaders::named));
        var renderer = Renderers.checkPages(common.format());
        Iterable<Path> paths = PathArguments.expand(args.positionals(0));
        Scan scan = new Scan(page, args.flag("--quiet"), args.flag("--follow"), opts, paths, common, io);
        io.render(renderer, scan, common.format());
        if (scan.usageError) {
            return Main.EXIT_BAD_INPUT;
        }
        return scan.tally().failed() > 0 ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    /** The run the renderer drives: each path checked as the renderer asks for verdicts, and counted. */
    private static final class Scan implements CheckRun {
        private final PageSize page;
        private final boolean quiet;
        private final boolean follow;
        private final CheckOptions options;
        private final Iterable<Path> paths;
        private final CommonOptions common;
        private final Io io;
        private int checked;
        private int failed;
        private int notBinding;
        private boolean usageError;
        private int linksNotFollowed;

        Scan(PageSize page, boolean quiet, boolean follow, CheckOptions options, Iterable<Path> paths,
             CommonOptions common, Io io) {
            this.page = page;
            this.quiet = quiet;
            this.follow = follow;
            this.options = options;
            this.paths = paths;
            this.common = common;
            this.io = io;
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
        public void forEach(Consumer<FileVerdict> each) {
            PageChecker checker = new PageChecker(options, follow, common.root(), v -> {
                checked++;
                if (v.fails()) {
                    failed++;
                } else if (!v.ok()) {
                    notBinding++;
                }
                each.accept(v);
            });
            for (Path p : paths) {
                try {
                    checker.check(Roots.resolve(common.root(), p));
                } catch (BadInputException e) {
                    io.out().flush();
                    Main.report(io.err(), e, common.debug());
                    usageError = true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            linksNotFollowed = checker.linksNotFollowed();
        }

        @Override
        public int linksNotFollowed() {
            return linksNotFollowed;
        }

        @Override
        public Tally tally() {
            return new Tally(checked, failed, notBinding);
        }
    }
}
