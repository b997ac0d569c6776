package org.elfmap.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An x86-64 ELF file with a dynamic section, as loaders read it: a PT_INTERP (for a program),
 * DT_NEEDED names, a DT_RUNPATH and a DT_SONAME, in one PT_LOAD that maps the whole file (so each
 * address equals its file offset). Names are bytes: a name need not be UTF-8.
 */
public final class DynamicElf {
    private Optional<byte[]> interp = Optional.empty();
    private final List<byte[]> needed = new ArrayList<>();
    private Optional<byte[]> runpath = Optional.empty();
    private Optional<byte[]> soname = Optional.empty();

    public static DynamicElf program(String interpreter) {
        DynamicElf e = new DynamicElf();
        e.interp = Optional.of(interpreter.getBytes(StandardCharsets.UTF_8));
        return e;
    }

    public static DynamicElf library(String soname) {
        DynamicElf e = new DynamicElf();
        e.soname = Optional.of(soname.getBytes(StandardCharsets.UTF_8));
        return e;
    }

    public DynamicElf needs(String name) {
        return needs(name.getBytes(StandardCharsets.UTF_8));
    }

    public DynamicElf needs(byte[] name) {
        needed.add(name.clone());
        return this;
    }

    public DynamicElf runpath(String list) {
        runpath = Optional.of(list.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The file, its headers written by {@link SyntheticElf}: one PT_LOAD of all of it (rx), PT_DYNAMIC, PT_INTERP. */
    public byte[] bytes() {
        int phnum = interp.isPresent() ? 3 : 2;
        int interpAt = 64 + 56 * phnum;
        int strAt = interpAt + interp.map(i -> i.length + 1).orElse(0);
        ByteArrayOutputStream str = new ByteArrayOutputStream();
        str.write(0);
        List<long[]> dyn = new ArrayList<>();
        for (byte[] n : needed) {
            dyn.add(new long[] {1, str.size()}); // DT_NEEDED
            str.writeBytes(n);
            str.write(0);
        }
        runpath.ifPresent(r -> {
            dyn.add(new long[] {29, str.size()}); // DT_RUNPATH
            str.writeBytes(r);
            str.write(0);
        });
        soname.ifPresent(n -> {
            dyn.add(new long[] {14, str.size()}); // DT_SONAME
            str.writeBytes(n);
            str.write(0);
        });
        int dynAt = (strAt + str.size() + 7) & ~7;
        dyn.add(new long[] {5, strAt}); // DT_STRTAB
        dyn.add(new long[] {10, str.size()}); // DT_STRSZ
        dyn.add(new long[] {0, 0}); // DT_NULL
        int size = dynAt + 16 * dyn.size();
        ByteBuffer table = ByteBuffer.allocate(16 * dyn.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] d : dyn) {
            table.putLong(d[0]).putLong(d[1]);
        }
        SyntheticElf elf = SyntheticElf.elf64().type(3) // ET_DYN
                .load(0, 0, size, size, "rx", 0x1000)
                .phdr(2, "rw", dynAt, dynAt, 16L * dyn.size(), 16L * dyn.size(), 8) // PT_DYNAMIC
                .put(strAt, str.toByteArray()).put(dynAt, table.array());
        interp.ifPresent(i -> elf.phdr(3, "r", interpAt, interpAt, i.length + 1, i.length + 1, 1) // PT_INTERP
                .put(interpAt, i));
        return elf.bytes();
    }
}
