package org.elfmap.pages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.elfmap.elf.ByteSource;
import org.elfmap.elf.ElfFormatException;

/** A stored archive entry read in place: ranges of the archive file, shifted by the entry's data offset. */
final class EntrySource implements ByteSource {
    private final String name;
    private final FileChannel archive;
    private final long dataOffset;
    private final long size;

    EntrySource(String name, FileChannel archive, long dataOffset, long size) {
        this.name = name;
        this.archive = archive;
        this.dataOffset = dataOffset;
        this.size = size;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ByteBuffer read(long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = dataOffset + offset;
        while (buf.hasRemaining()) {
            if (archive.read(buf, pos + buf.position()) < 0) {
                throw new ElfFormatException(name, "the archive ends inside this entry");
            }
        }
        return buf.flip();
    }
}
