package org.elfmap.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional reads from a {@link FileChannel}: no whole-file read, no mapping of huge files.
 * The first {@value #HEAD} bytes are read once, lazily, and serve every later request inside
 * them: the ELF header, the program headers, PT_INTERP and the notes all live there, so a typical
 * file costs one read for them instead of five (measured by {@code bench/layout.sh}).
 */
public final class FileByteSource implements ByteSource {
    static final int HEAD = 4096;
    private final String name;
    private final FileChannel channel;
    private final long size;
    private byte[] head;

    private FileByteSource(String name, FileChannel channel) throws IOException {
        this.name = name;
        this.channel = channel;
        this.size = channel.size();
    }

    public static FileByteSource open(Path path) throws IOException {
        return open(path, path.toString());
    }

    /** {@code name}: what to call the file in messages (its bytes shown, for a name that is not UTF-8). */
    public static FileByteSource open(Path path, String name) throws IOException {
        return new FileByteSource(name, FileChannel.open(path, StandardOpenOption.READ));
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
        if (offset >= 0 && offset + length <= Math.min(size, HEAD)) {
            if (head == null) {
                head = fill(ByteBuffer.allocate((int) Math.min(size, HEAD)), 0).array();
            }
            return ByteBuffer.wrap(head, (int) offset, length).slice();
        }
        return fill(ByteBuffer.allocate(length), offset);
    }

    /**
     * {@code length} bytes at {@code offset}, read on their own unless the head is already read: a
     * first look at a file that is mostly not read further. check-pages tests every file of a tree
     * for a magic number, and reading 4 KiB of each (the head) copied ~600 MB over a /usr of 147,000
     * files, ~10 % of its time (perf: the kernel's copy to user space).
     */
    public ByteBuffer peek(long offset, int length) throws IOException {
        if (head != null) {
            return read(offset, length);
        }
        if (offset < 0 || length < 0 || offset > size - length) {
            throw ElfFormatException.at(name, offset, "a read of " + length + " bytes past the end of the "
                    + size + "-byte file");
        }
        return fill(ByteBuffer.allocate(length), offset);
    }

    private ByteBuffer fill(ByteBuffer buf, long offset) throws IOException {
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
