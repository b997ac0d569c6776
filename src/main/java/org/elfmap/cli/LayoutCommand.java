package org.elfmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.elfmap.BadInputException;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.HostPage;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.elfmap.space.RawNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap layout FILE...}: the predicted mappings of each file under a loader model. */
@Command(name = "layout", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Predict how a loader maps each PT_LOAD segment of FILE, page by page.",
            "",
            "Lists one mapping per kind (text, rodata, relro, data, bss, gap, zeroed-tail) with its",
            "pages, protection, backing (file, anon, guard) and file offset, then VSZ and gap totals",
            "and the gap arithmetic of the 2007 FreeBSD post (vend = rd(vaddr) + ru(memsz)).",
            "Addresses are relative to the load base for ET_DYN, absolute for ET_EXEC.",
            ""},
        footer = {"",
            "Loaders: glibc, musl, linux-kernel, freebsd-2007, freebsd, freebsd-kernel, bionic, or 'all'.",
            "The default is the one that would load FILE on its own system: the kernel for programs",
            "and dynamic linkers, the C library's linker (glibc, musl, bionic, FreeBSD rtld) for libraries.",
            "",
            "Examples:",
            "  elfmap layout /bin/ls",
            "  elfmap layout --loader glibc,musl,freebsd-2007 /usr/lib/x86_64-linux-gnu/libz.so.1",
            "  elfmap layout --page-size 16k --json libfoo.so",
            "  elfmap layout @file-list.txt          (one path per line)"})
public final class LayoutCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-l", "--loader"}, split = ",", paramLabel = "NAME",
            description = "Loader model(s), comma-separated, or 'all' (default: the file's own)")
    List<String> loaders = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "ELF files (executables, libraries, objects); @LIST reads paths from LIST, one per line")
    List<String> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PageSize page = common.pageSize(HostPage.size());
        List<LoaderModel> chosen = chosenLoaders();
        int exit = Main.EXIT_OK;
        JsonOutput json = common.json() ? new JsonOutput(out) : null;
        if (json != null) {
            json.startArray();
        }
        boolean firstText = true;
        for (Path file : PathArguments.expand(files)) {
            ElfFile elf;
            try {
                elf = Elf.read(Roots.resolve(common.root(), file));
            } catch (BadInputException e) {
                if (json != null) {
                    json.generator();
                }
                out.flush();
                Main.report(err, e, common.debug());
                exit = Main.EXIT_BAD_INPUT;
                continue;
            }
            List<LoaderModel> models = chosen.isEmpty() ? List.of(Loaders.defaultFor(elf)) : chosen;
            for (LoaderModel model : models) {
                Layout layout = model.layout(elf, page);
                if (json != null) {
                    LayoutJson.write(json, RawNames.shown(file), layout);
                } else {
                    if (!firstText) {
                        out.println();
                    }
                    firstText = false;
                    LayoutText.print(out, RawNames.shown(file), layout);
                }
            }
        }
        if (json != null) {
            json.endArray();
            json.close();
            out.println();
        }
        out.flush();
        return exit;
    }

    private List<LoaderModel> chosenLoaders() {
        return Loaders.chosen(loaders);
    }
}
