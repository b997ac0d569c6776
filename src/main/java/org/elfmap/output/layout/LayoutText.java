package org.elfmap.output.layout;

import org.elfmap.output.Table;
import org.elfmap.output.Sizes;
import org.elfmap.output.Renderer;
import org.elfmap.output.Words;
import org.elfmap.output.Hex;
import java.io.PrintWriter;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.loader.Layout;
import org.elfmap.loader.Mapping;

/** The human-readable {@code layout}: program headers, the predicted map, totals and the gap arithmetic. */
public final class LayoutText implements Renderer<LayoutRun> {
    /** Rows per table: real files have a few dozen; beyond, the JSON lists everything. */
    static final int MAX_ROWS = 10_000;

    @Override
    public void render(LayoutRun run, PrintWriter out) {
        boolean[] first = {true};
        run.forEach((file, layout) -> {
            if (!first[0]) {
                out.println();
            }
            first[0] = false;
            print(out, file, layout);
        });
    }

    static void print(PrintWriter out, String file, Layout layout) {
        ElfFile elf = layout.elf();
        long page = layout.pageSize().bytes();
        // concatenation, not printf: a cold JVM's first Formatter costs ~5 ms (README "Performance")
        out.println(file + ": ELF" + elf.header().elfClass() + " " + elf.header().endian() + "-endian "
                + elf.header().machineName() + " " + elf.header().typeName()
                + elf.interpreter().map(i -> ", interpreter " + i).orElse(""));
        out.println("loader " + layout.loader() + ", page size " + layout.pageSize().label() + " (" + page + ")");
        Table segs = new Table("SEG", "TYPE", "OFFSET", "VADDR", "FILESZ", "MEMSZ", "FLAGS", "ALIGN").right(0)
                .limit(MAX_ROWS);
        for (ProgramHeader p : elf.loads()) {
            segs.row(p.index(), elf.typeName(p), Hex.of(p.offset()), Hex.of(p.vaddr()), Hex.of(p.filesz()),
                    Hex.of(p.memsz()), p.flagString(), Hex.of(p.align()));
        }
        elf.first(ProgramHeader.PT_GNU_RELRO).ifPresent(p -> segs.row(p.index(), elf.typeName(p), Hex.of(p.offset()),
                Hex.of(p.vaddr()), Hex.of(p.filesz()), Hex.of(p.memsz()), p.flagString(), Hex.of(p.align())));
        if (!segs.isEmpty()) {
            segs.print(out, "  ");
            more(out, segs, "segments");
            out.println();
        }
        Table maps = new Table("START", "END", "PAGES", "PROT", "KIND", "BACKING", "OFFSET", "SEG", "NOTE").right(2)
                .limit(MAX_ROWS);
        for (Mapping m : layout.mappings()) {
            maps.row(Hex.of(m.start()), Hex.of(m.end()), m.length() / page, m.prot(), m.kind(), m.backing(),
                    m.fileOffset().isPresent() ? Hex.of(m.fileOffset().getAsLong()) : "-",
                    m.segment().isPresent() ? m.segment().getAsInt() : "-", m.note().map(Words::regionNote).orElse(""));
        }
        if (!maps.isEmpty()) {
            maps.print(out, "  ");
            more(out, maps, "mappings");
        }
        out.println("  VSZ " + Sizes.human(layout.vszBytes()) + " (" + layout.vszBytes() / page + " pages), "
                + Words.gapTotal(layout.gapBytes(), layout.holeBytes(), page));
        layout.gapArithmetic().forEach(g -> out.println("  " + Words.gapArithmetic(g)));
        layout.refusal().ifPresent(r -> out.println("  REFUSED by " + layout.loader() + ": "
                + Words.refusal(r, elf, layout.pageSize())));
        layout.notes().forEach(n -> out.println("  note: " + Words.layoutNote(n, elf, layout.pageSize())));
    }

    private static void more(PrintWriter out, Table t, String what) {
        if (t.more() > 0) {
            out.println("  ... and " + t.more() + " more " + what + ", not shown (--json lists them all)");
        }
    }
}
