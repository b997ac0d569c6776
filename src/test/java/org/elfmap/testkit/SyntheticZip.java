package org.elfmap.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte (APPNOTE.TXT 4.3: local headers and data, the central
 * directory, the end record), including what no zip tool writes: several central directory
 * entries pointing at one local header (the overlap of a "better zip bomb"), and bytes after the
 * end record.
 */
public final class SyntheticZip {
    private record Local(String name, int method, byte[] stored, long size, long crc) {
    }

    private record Central(String name, int local) {
    }

    private final List<Local> locals = new ArrayList<>();
    private final List<Central> centrals = new ArrayList<>();
    private byte[] trailer = new byte[0];

    /** An entry whose data is {@code data}, stored or deflated; returns its index for {@link #alias}. */
    public int add(String name, byte[] data, boolean deflate) {
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] stored = deflate ? deflate(data) : data;
        locals.add(new Local(name, deflate ? 8 : 0, stored, data.length, crc.getValue()));
        centrals.add(new Central(name, locals.size() - 1));
        return locals.size() - 1;
    }

    /** Another entry with its own local header and a copy of entry {@code local}'s (already compressed) data. */
    public int copy(String name, int local) {
        Local l = locals.get(local);
        locals.add(new Local(name, l.method(), l.stored(), l.size(), l.crc()));
        centrals.add(new Central(name, locals.size() - 1));
        return locals.size() - 1;
    }

    /** Another central directory entry, named {@code name}, for the data of entry {@code local}. */
    public SyntheticZip alias(String name, int local) {
        centrals.add(new Central(name, local));
        return this;
    }

    /** Bytes written after the end record. */
    public SyntheticZip trailer(byte[] bytes) {
        trailer = bytes.clone();
        return this;
    }

    /** A 22-byte end of central directory record listing no entries. */
    public static byte[] emptyEndRecord(long cdOffset) {
        return ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN).putInt(0x06054b50).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) cdOffset)
                .putShort((short) 0).array();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[locals.size()];
        for (int i = 0; i < locals.size(); i++) {
            Local l = locals.get(i);
            offsets[i] = out.size();
            byte[] name = l.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN).putInt(0x04034b50)
                    .putShort((short) 20).putShort((short) 0).putShort((short) l.method()).putInt(0)
                    .putInt((int) l.crc()).putInt(l.stored().length).putInt((int) l.size())
                    .putShort((short) name.length).putShort((short) 0);
            out.writeBytes(h.array());
            out.writeBytes(name);
            out.writeBytes(l.stored());
        }
        long cdStart = out.size();
        for (Central c : centrals) {
            Local l = locals.get(c.local());
            byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN).putInt(0x02014b50)
                    .putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) l.method())
                    .putInt(0).putInt((int) l.crc()).putInt(l.stored().length).putInt((int) l.size())
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt((int) offsets[c.local()]);
            out.writeBytes(h.array());
            out.writeBytes(name);
        }
        long cdSize = out.size() - cdStart;
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN).putInt(0x06054b50)
                .putShort((short) 0).putShort((short) 0).putShort((short) centrals.size())
                .putShort((short) centrals.size()).putInt((int) cdSize).putInt((int) cdStart).putShort((short) 0);
        out.writeBytes(end.array());
        out.writeBytes(trailer);
        return out.toByteArray();
    }

    public Path write(Path file) {
        try {
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
