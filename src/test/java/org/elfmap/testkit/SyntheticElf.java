package org.elfmap.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds ELF files with exactly the program headers a test wants: the seed's two headers, a
 * big-endian ELF32, a truncated table. Segment contents are zeros unless {@link #put} says
 * otherwise; the file is as long as the furthest byte any header or segment reaches.
 */
public final class SyntheticElf {
    public record Phdr(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
    }

    private final boolean is64;
    private final ByteOrder order;
    private int type = 3;
    private int machine;
    private int osAbi;
    private long phoff;
    private Integer phnumOverride;
    private Integer phentsizeOverride;
    private final List<Phdr> phdrs = new ArrayList<>();
    private final List<Object[]> puts = new ArrayList<>();
    private long minSize;

    private SyntheticElf(boolean is64, ByteOrder order) {
        this.is64 = is64;
        this.order = order;
        this.machine = is64 ? 62 : 3;
        this.phoff = is64 ? 64 : 52;
    }

    public static SyntheticElf elf64() {
        return new SyntheticElf(true, ByteOrder.LITTLE_ENDIAN);
    }

    public static SyntheticElf elf32() {
        return new SyntheticElf(false, ByteOrder.LITTLE_ENDIAN);
    }

    public static SyntheticElf of(boolean is64, ByteOrder order) {
        return new SyntheticElf(is64, order);
    }

    public SyntheticElf type(int t) {
        this.type = t;
        return this;
    }

    public SyntheticElf machine(int m) {
        this.machine = m;
        return this;
    }

    public SyntheticElf osAbi(int abi) {
        this.osAbi = abi;
        return this;
    }

    public SyntheticElf phoff(long off) {
        this.phoff = off;
        return this;
    }

    /** Writes this value into e_phnum instead of the real count. */
    public SyntheticElf phnum(int n) {
        this.phnumOverride = n;
        return this;
    }

    public SyntheticElf phentsize(int n) {
        this.phentsizeOverride = n;
        return this;
    }

    public SyntheticElf load(long offset, long vaddr, long filesz, long memsz, String flags, long align) {
        return phdr(1, flags, offset, vaddr, filesz, memsz, align);
    }

    public SyntheticElf phdr(int ptype, String flags, long offset, long vaddr, long filesz, long memsz, long align) {
        int f = (flags.contains("r") ? 4 : 0) | (flags.contains("w") ? 2 : 0) | (flags.contains("x") ? 1 : 0);
        phdrs.add(new Phdr(ptype, f, offset, vaddr, filesz, memsz, align));
        return this;
    }

    /** Places raw bytes at a file offset (and makes the file at least that long). */
    public SyntheticElf put(long offset, byte[] bytes) {
        puts.add(new Object[] {offset, bytes});
        return this;
    }

    public SyntheticElf putString(long offset, String s) {
        return put(offset, (s + "\0").getBytes(StandardCharsets.UTF_8));
    }

    public SyntheticElf minSize(long n) {
        this.minSize = n;
        return this;
    }

    /** Sizes the file to the furthest segment byte, not beyond (so segments end exactly at EOF). */
    public byte[] bytes() {
        int ehsize = is64 ? 64 : 52;
        int phent = is64 ? 56 : 32;
        long size = Math.max(ehsize, phoff + (long) phdrs.size() * phent);
        for (Phdr p : phdrs) {
            size = Math.max(size, p.offset() + p.filesz());
        }
        for (Object[] put : puts) {
            size = Math.max(size, (long) put[0] + ((byte[]) put[1]).length);
        }
        size = Math.max(size, minSize);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2),
            1, (byte) osAbi});
        b.putShort(16, (short) type);
        b.putShort(18, (short) machine);
        b.putInt(20, 1);
        int phnum = phnumOverride != null ? phnumOverride : phdrs.size();
        int phentsize = phentsizeOverride != null ? phentsizeOverride : phent;
        if (is64) {
            b.putLong(32, phoff);
            b.putShort(52, (short) ehsize);
            b.putShort(54, (short) phentsize);
            b.putShort(56, (short) phnum);
        } else {
            b.putInt(28, (int) phoff);
            b.putShort(40, (short) ehsize);
            b.putShort(42, (short) phentsize);
            b.putShort(44, (short) phnum);
        }
        for (int i = 0; i < phdrs.size(); i++) {
            Phdr p = phdrs.get(i);
            int o = (int) (phoff + (long) i * phent);
            if (o + phent > size) {
                break;
            }
            if (is64) {
                b.putInt(o, p.type()).putInt(o + 4, p.flags()).putLong(o + 8, p.offset()).putLong(o + 16, p.vaddr())
                        .putLong(o + 24, p.vaddr()).putLong(o + 32, p.filesz()).putLong(o + 40, p.memsz())
                        .putLong(o + 48, p.align());
            } else {
                b.putInt(o, p.type()).putInt(o + 4, (int) p.offset()).putInt(o + 8, (int) p.vaddr())
                        .putInt(o + 12, (int) p.vaddr()).putInt(o + 16, (int) p.filesz()).putInt(o + 20, (int) p.memsz())
                        .putInt(o + 24, p.flags()).putInt(o + 28, (int) p.align());
            }
        }
        for (Object[] put : puts) {
            b.put(Math.toIntExact((long) put[0]), (byte[]) put[1]);
        }
        return b.array();
    }

    public Path write(Path file) {
        try {
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An ELF64 shared object of {@code n} disjoint one-page PT_LOADs (r-x, 0x100 bytes each, every
     * other page), e_phnum PN_XNUM and the count in section header 0's {@code sh_info}: the most
     * program headers a file may have when {@code n} is 65,536.
     */
    public static byte[] pnXnum(int n) {
        long phoff = 64;
        long shoff = phoff + 56L * n;
        ByteBuffer b = ByteBuffer.allocate((int) shoff + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 3).putShort(18, (short) 62).putInt(20, 1).putLong(32, phoff).putLong(40, shoff)
                .putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 0xffff)
                .putShort(58, (short) 64).putShort(60, (short) 1);
        for (int i = 0; i < n; i++) {
            int o = (int) phoff + 56 * i;
            b.putInt(o, 1).putInt(o + 4, 5).putLong(o + 8, 0).putLong(o + 16, i * 0x2000L).putLong(o + 24, i * 0x2000L)
                    .putLong(o + 32, 0x100).putLong(o + 40, 0x100).putLong(o + 48, 0x1000);
        }
        b.putInt((int) shoff + 44, n);
        return b.array();
    }
}
