package org.elfmap.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional reads from a {@link FileChannel}: no whole-file read, no mapping of huge files. */
public final class FileByteSource implements ByteSource {
    private final String name;
    private final FileChannel channel;
    private final long size;

    private FileByteSource(String name, FileChannel channel) throws IOException {
        this.name = name;
        this.channel = channel;
        this.size = channel.size();
    }

    public static FileByteSource open(Path path) throws IOException {
        return new FileByteSource(path.toString(), FileChannel.open(path, StandardOpenOption.READ));
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
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw ElfFormatException.at(name, pos, "file ended early (it shrank while being read?)");
            }
            pos += n;
        }
        return buf.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
