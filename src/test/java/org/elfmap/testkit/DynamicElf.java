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

    public byte[] bytes() {
        int phnum = interp.isPresent() ? 3 : 2;
        int interpAt = 64 + 56 * phnum;
        int strAt = interpAt + interp.map(i -> i.length + 1).orElse(0);
        ByteArrayOutputStream str = new ByteArrayOutputStream();
        str.write(0);
        List<long[]> dyn = new ArrayList<>();
        for (byte[] n : needed) {
            dyn.add(new long[] {1, str.size()});
            str.writeBytes(n);
            str.write(0);
        }
        runpath.ifPresent(r -> {
            dyn.add(new long[] {29, str.size()});
            str.writeBytes(r);
            str.write(0);
        });
        soname.ifPresent(s -> {
            dyn.add(new long[] {14, str.size()});
            str.writeBytes(s);
            str.write(0);
        });
        int dynAt = (strAt + str.size() + 7) & ~7;
        dyn.add(new long[] {5, strAt});
        dyn.add(new long[] {10, str.size()});
        dyn.add(new long[] {0, 0});
        int size = dynAt + 16 * dyn.size();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 3 /* ET_DYN */).putShort(18, (short) 62).putInt(20, 1).putLong(32, 64)
                .putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) phnum);
        int ph = 64;
        b.putInt(ph, 1).putInt(ph + 4, 5).putLong(ph + 8, 0).putLong(ph + 16, 0).putLong(ph + 24, 0)
                .putLong(ph + 32, size).putLong(ph + 40, size).putLong(ph + 48, 0x1000);
        ph += 56;
        b.putInt(ph, 2).putInt(ph + 4, 6).putLong(ph + 8, dynAt).putLong(ph + 16, dynAt).putLong(ph + 24, dynAt)
                .putLong(ph + 32, 16L * dyn.size()).putLong(ph + 40, 16L * dyn.size()).putLong(ph + 48, 8);
        if (interp.isPresent()) {
            ph += 56;
            int len = interp.get().length + 1;
            b.putInt(ph, 3).putInt(ph + 4, 4).putLong(ph + 8, interpAt).putLong(ph + 16, interpAt)
                    .putLong(ph + 24, interpAt).putLong(ph + 32, len).putLong(ph + 40, len).putLong(ph + 48, 1);
            b.put(interpAt, interp.get());
        }
        b.put(strAt, str.toByteArray());
        for (int i = 0; i < dyn.size(); i++) {
            b.putLong(dynAt + 16 * i, dyn.get(i)[0]).putLong(dynAt + 16 * i + 8, dyn.get(i)[1]);
        }
        return b.array();
    }
}
