package org.elfmap.output.layout;

import org.elfmap.output.JsonOutput;
import org.elfmap.output.Renderer;
import java.io.PrintWriter;
import org.elfmap.output.Words;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.loader.Layout;
import org.elfmap.loader.Mapping;

/** One {@code layout} element in the contract's JSON shape. */
public final class LayoutJson implements Renderer<LayoutRun> {
    @Override
    public void render(LayoutRun run, PrintWriter out) {
        JsonOutput j = new JsonOutput(out);
        j.startArray();
        run.forEach((file, layout) -> write(j, file, layout));
        j.endArray();
        j.close();
        out.println();
    }

    static void write(JsonOutput j, String file, Layout layout) {
        ElfFile elf = layout.elf();
        j.startObject();
        j.field("file", file);
        j.field("loader", layout.loader());
        j.field("pageSize", layout.pageSize().bytes());
        j.startObject("elf");
        j.field("class", elf.header().elfClass());
        j.field("endian", elf.header().endian());
        j.field("machine", elf.header().machineName());
        j.field("type", elf.header().typeName());
        elf.interpreter().ifPresent(i -> j.field("interpreter", i));
        elf.soname().ifPresent(s -> j.field("soname", s));
        j.endObject();
        j.startArray("segments");
        for (ProgramHeader p : elf.programHeaders()) {
            j.startObject();
            j.field("type", elf.typeName(p));
            j.hex("offset", p.offset());
            j.hex("vaddr", p.vaddr());
            j.hex("filesz", p.filesz());
            j.hex("memsz", p.memsz());
            j.field("flags", p.flagString());
            j.hex("align", p.align());
            j.endObject();
        }
        j.endArray();
        j.startArray("mappings");
        long page = layout.pageSize().bytes();
        for (Mapping m : layout.mappings()) {
            j.startObject();
            j.hex("start", m.start());
            j.hex("end", m.end());
            j.field("pages", m.length() / page);
            j.field("prot", m.prot().toString());
            j.field("kind", m.kind().label());
            j.field("backing", m.backing().label());
            if (m.fileOffset().isPresent()) {
                j.hex("fileOffset", m.fileOffset().getAsLong());
            }
            if (m.segment().isPresent()) {
                j.field("segment", m.segment().getAsInt());
            }
            m.note().ifPresent(n -> j.field("note", Words.regionNote(n)));
            j.endObject();
        }
        j.endArray();
        j.field("vszBytes", layout.vszBytes());
        j.field("gapBytes", layout.gapBytes());
        j.field("holeBytes", layout.holeBytes());
        layout.refusal().ifPresent(r -> {
            j.field("refused", Words.refusal(r, elf, layout.pageSize()));
            j.startObject("refusal").field("reason", Words.reasonLabel(r.reason()));
            r.segment().ifPresent(s -> j.field("segment", s));
            r.loaderMessage().ifPresent(m -> j.field("loaderMessage", m));
            r.killedBy().ifPresent(k -> j.field("killedBy", k));
            j.endObject();
        });
        if (!layout.notes().isEmpty()) {
            j.startArray("notes");
            for (var n : layout.notes()) {
                j.startObject().field("code", Words.code(n)).field("message", Words.layoutNote(n, elf, layout.pageSize()))
                        .endObject();
            }
            j.endArray();
        }
        j.endObject();
    }
}
