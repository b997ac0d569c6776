package org.elfmap.cli;

import org.elfmap.output.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.elfmap.BadInputException;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.elfmap.pages.CheckOptions;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageChecker;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.WhatIf;
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
            "PATH may be an ELF file, a directory (scanned recursively; links to directories are",
            "followed only with --follow) or an archive (zip, jar, apk, aab, aar: .so entries are",
            "read in place).",
            "Problems: align (a PT_LOAD p_align below the page size), congruence (p_offset and",
            "p_vaddr differ modulo the page size), zip-offset (a stored .so not page-aligned in",
            "its archive), relro (PT_GNU_RELRO not ending on a page boundary), malformed.",
            "A compressed .so gets a note, not a problem: the installer extracts it.",
            "Libraries of 32-bit Android ABIs (armeabi-v7a, x86) are reported but do not fail",
            "the run unless --all-abis: Android's 16 KiB rule binds only 64-bit ABIs.",
            ""},
        footer = {"",
            "Exit codes: 0 every file passes; 1 some file fails; 2 bad usage.",
            "",
            "Examples:",
            "  elfmap check-pages app-release.apk",
            "  elfmap check-pages --page-size 64k /usr/lib/aarch64-linux-gnu",
            "  elfmap check-pages --what-if libfoo.so      VSZ and gaps at 4k, 16k and 64k pages"})
public final class CheckPagesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--all-abis", description = "Let libraries of 32-bit Android ABIs fail the run too")
    boolean allAbis;

    @Option(names = "--what-if", description = "Also show each file's mapped image (VSZ, gaps) at 4k, 16k and 64k pages")
    boolean whatIf;

    @Option(names = {"-l", "--loader"}, paramLabel = "NAME", description = "Loader model for --what-if (default: the file's own)")
    String loader;

    @Option(names = {"-q", "--quiet"}, description = "List only the files that fail")
    boolean quiet;

    @Option(names = "--follow", description = "Follow symbolic links to directories in trees (each directory once)")
    boolean follow;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "ELF files, directories, archives; @LIST reads paths from LIST, one per line")
    List<String> paths;

    @Spec
    CommandSpec spec;

    private int checked;
    private int failed;
    private int notBinding;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PageSize page = common.pageSize(PageSize.P16K);
        CheckOptions opts = new CheckOptions(page, allAbis,
                whatIf ? List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K) : List.of(),
                Optional.ofNullable(loader).map(Loaders::named));
        JsonOutput json = common.json() ? new JsonOutput(out) : null;
        if (json != null) {
            json.startObject().field("pageSize", page.bytes()).startArray("files");
        }
        PageChecker checker = new PageChecker(opts, follow, v -> {
            count(v);
            if (json != null) {
                writeJson(json, v);
            } else {
                writeText(out, v);
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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (json != null) {
            json.endArray().field("checked", checked).field("failed", failed);
            if (checker.linksNotFollowed() > 0) {
                json.field("linksNotFollowed", checker.linksNotFollowed());
            }
            json.endObject();
            json.close();
            out.println();
        } else {
            out.printf("%d ELF file%s checked at %s pages: %d fail%s%n", checked, checked == 1 ? "" : "s",
                    page.label(), failed, notBinding > 0 ? ", " + notBinding + " more with problems in 32-bit ABIs"
                            + " (not binding without --all-abis)" : "");
            if (checker.linksNotFollowed() > 0) {
                out.printf("%d link%s to directories outside the tree not followed (--follow to follow them)%n",
                        checker.linksNotFollowed(), checker.linksNotFollowed() == 1 ? "" : "s");
            }
        }
        out.flush();
        if (usageError) {
            return Main.EXIT_BAD_INPUT;
        }
        return failed > 0 ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    private void count(FileVerdict v) {
        checked++;
        if (v.fails()) {
            failed++;
        } else if (!v.ok()) {
            notBinding++;
        }
    }

    private void writeText(PrintWriter out, FileVerdict v) {
        if (quiet && !v.fails()) {
            return;
        }
        String status = v.ok() ? "ok  " : v.binding() ? "FAIL" : "warn";
        out.println(status + "  " + v.path());
        for (PageProblem p : v.problems()) {
            out.println("      " + p.kind().label() + (p.segment().isPresent() ? " (segment " + p.segment().getAsInt() + ")" : "")
                    + ": " + p.detail());
        }
        for (String n : v.notes()) {
            out.println("      note: " + n);
        }
        for (WhatIf w : v.whatIf()) {
            out.printf("      at %-4s %s: VSZ %s, gaps %s%s%n", new PageSize(w.pageSize()).label(), w.loader(),
                    Sizes.human(w.vszBytes()), Sizes.human(w.gapBytes()),
                    w.refusal().map(r -> ", REFUSED: " + Words.refusal(r)).orElse(""));
        }
    }

    private static void writeJson(JsonOutput j, FileVerdict v) {
        j.startObject().field("path", v.path()).field("ok", v.ok());
        if (!v.binding()) {
            j.field("binding", false);
        }
        v.abi().ifPresent(a -> j.field("abi", a));
        j.startArray("problems");
        for (PageProblem p : v.problems()) {
            j.startObject();
            if (p.segment().isPresent()) {
                j.field("segment", p.segment().getAsInt());
            }
            j.field("kind", p.kind().label()).field("detail", p.detail()).endObject();
        }
        j.endArray();
        if (!v.notes().isEmpty()) {
            j.startArray("notes");
            v.notes().forEach(j::value);
            j.endArray();
        }
        if (!v.whatIf().isEmpty()) {
            j.startArray("whatIf");
            for (WhatIf w : v.whatIf()) {
                j.startObject().field("pageSize", w.pageSize()).field("loader", w.loader())
                        .field("vszBytes", w.vszBytes()).field("gapBytes", w.gapBytes());
                w.refusal().ifPresent(r -> j.field("refused", Words.refusal(r)));
                j.endObject();
            }
            j.endArray();
        }
        j.endObject();
    }
}
