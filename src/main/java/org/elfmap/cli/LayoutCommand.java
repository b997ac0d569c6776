package org.elfmap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.elfmap.BadInputException;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.output.Renderers;
import org.elfmap.output.layout.LayoutRun;
import org.elfmap.space.HostPage;
import org.elfmap.space.PageSize;
import org.elfmap.space.RawNames;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elfmap layout FILE...}: the predicted mappings of each file under a loader model. */
final class LayoutCommand implements Subcommand {
    static final String NAME = "layout";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, NAME, "How each loader would map an ELF file's segments, page by page", new String[] {
            "Predict how a loader maps each PT_LOAD segment of FILE, page by page.",
            "",
            "Lists one mapping per kind (text, rodata, relro, data, bss, gap, zeroed-tail) with its",
            "pages, protection, backing (file, anon, guard) and file offset, then VSZ and gap totals",
            "and the gap arithmetic of the 2007 FreeBSD post: vend = rd(vaddr) + ru(memsz), the rounded",
            "term being (vaddr - rd(vaddr)) + memsz when vaddr does not start a page.",
            "Addresses are relative to the load base for ET_DYN, absolute for ET_EXEC.",
            ""}, new String[] {"",
            "Loaders: glibc, musl, linux-kernel, bionic, or 'all'; FreeBSD by release: freebsd@6 ...",
            "freebsd@15 (rtld) and freebsd-kernel@6 ... @15 (exec); freebsd-2007 means freebsd@7 (the",
            "2007 post's system), freebsd means freebsd@15 (main) and freebsd-kernel freebsd-kernel@15.",
            "Android by release: bionic@14 (12-14), bionic@15, bionic@15-qpr1, bionic@15-qpr2, bionic@16",
            "(= bionic), with what the linker reads besides the file: +compat (16 KiB app-compat mode),",
            "+sdk=N (the app's target SDK), +no-pgsize-migration (no segment padding at 4 KiB pages).",
            "The default is the one that would load FILE on its own system: the kernel for programs",
            "and dynamic linkers, the C library's linker (glibc, musl, bionic, FreeBSD rtld) for libraries.",
            "",
            "Examples:",
            "  elfmap layout /bin/ls",
            "  elfmap layout --loader glibc,musl,freebsd-2007 /usr/lib/x86_64-linux-gnu/libz.so.1",
            "  elfmap layout --loader freebsd@7,freebsd@10,freebsd@14 libfoo.so.1   gaps by FreeBSD release",
            "  elfmap layout --page-size 16k --format json libfoo.so",
            "  elfmap layout --page-size 16k --loader bionic@15-qpr1,bionic+compat libfoo.so",
            "                                        refused, then read in by the app-compat mode",
            "  elfmap layout @file-list.txt          (one path per line)",
            "",
            "Exit codes: 0 success; 2 bad usage, or some FILE could not be read (the others are shown)."});
        CommonOptions.addTo(spec, NAME);
        spec.addOption(Specs.value("NAME", "Loader model(s), comma-separated, or 'all' (default: the file's own)",
                "-l", "--loader"));
        spec.addPositional(Specs.positional("0..*", "1..*", "FILE",
                "ELF files (executables, libraries, objects); @LIST reads paths from LIST, one per line"));
        return spec;
    }

    @Override
    public int run(Args args, Io io) {
        CommonOptions common = CommonOptions.of(args);
        common.requireKnownFormat();
        PageSize page = common.pageSize(HostPage.size());
        List<LoaderModel> chosen = Loaders.chosen(args.value("--loader")
                .map(v -> List.of(v.split(","))).orElse(List.of()));
        var renderer = Renderers.layout(common.format());
        Iterable<Path> files = PathArguments.expand(args.positionals(0),
                lists -> io.err().println(PathArguments.nothingListed(lists, "nothing to lay out")));
        boolean[] unreadable = {false};
        LayoutRun run = each -> InOrder.forEach(files, file -> laidOut(file, common.root(), chosen, page), done -> {
            if (done.unreadable() != null) {
                io.out().flush();
                Main.report(io.err(), done.unreadable(), common.debug());
                unreadable[0] = true;
                return;
            }
            String shown = RawNames.shown(done.file());
            done.layouts().forEach(layout -> each.accept(shown, layout.get()));
        });
        io.render(renderer, run, common.format());
        return unreadable[0] ? Main.EXIT_BAD_INPUT : Main.EXIT_OK;
    }

    /**
     * Program headers times models above which a file's layouts are made one at a time as they are
     * printed rather than all at once ahead: 65,536 PT_LOADs under every model ({@code --loader all})
     * held together do not fit a 64 MiB heap (ManySegmentsTest), one at a time they do. Up to
     * InOrder's window of files is held ahead, so the bound is per file and small: a usual file
     * (a dozen headers under the ~40 models of 'all') stays under it.
     */
    static final long EAGER_SEGMENTS = 1 << 12;

    /** One file's layouts under the chosen models (made ahead, or when asked), or why it could not be read. */
    private record LaidOut(Path file, List<Supplier<Layout>> layouts, BadInputException unreadable) {
    }

    /** Reads and lays out one file: safe on any thread (ElfFile and the models are immutable). */
    private static LaidOut laidOut(Path file, Optional<Path> root, List<LoaderModel> chosen, PageSize page) {
        ElfFile elf;
        try {
            elf = Elf.read(Roots.resolve(root, file));
        } catch (BadInputException e) {
            return new LaidOut(file, List.of(), e);
        }
        List<LoaderModel> models = chosen.isEmpty() ? List.of(Loaders.defaultFor(elf)) : chosen;
        boolean ahead = (long) elf.programHeaders().size() * models.size() <= EAGER_SEGMENTS;
        List<Supplier<Layout>> layouts = new ArrayList<>();
        for (LoaderModel model : models) {
            if (ahead) {
                Layout made = model.layout(elf, page);
                layouts.add(() -> made);
            } else {
                layouts.add(() -> model.layout(elf, page));
            }
        }
        return new LaidOut(file, layouts, null);
    }
}
