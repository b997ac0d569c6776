package org.elfmap.elf;

import java.nio.ByteBuffer;

/** An ELF image already in memory: an archive entry, a test's synthetic file. */
public record ArrayByteSource(String name, byte[] bytes) implements ByteSource {
    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public ByteBuffer read(long offset, int length) {
        if (offset < 0 || offset + length > bytes.length) {
            throw ElfFormatException.at(name, offset, "read of " + length + " bytes past the end");
        }
        return ByteBuffer.wrap(bytes, (int) offset, length).slice();
    }
}
