package org.elfmap.pages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only view of a file channel that reads 64 KiB at a time. commons-compress walks a zip's
 * central directory in reads of a few dozen bytes each (fixed header, then name, then extra
 * field); a jar of 20,000 entries cost 60,000 system calls before this buffer and ~30 after
 * (bench/check-pages.sh over /usr: strace -c).
 */
final class BufferedReadChannel implements SeekableByteChannel {
    private static final int CHUNK = 64 * 1024;
    private final FileChannel file;
    private final ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    private long bufStart = -1;
    private int bufLength;
    private final long size;
    private long position;

    /** The size is taken once: an archive that changes while it is read gives short reads, not a hang. */
    BufferedReadChannel(FileChannel file) throws IOException {
        this.file = file;
        this.size = file.size();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (position >= size) {
            return -1;
        }
        if (dst.remaining() >= CHUNK) {
            int n = file.read(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
        if (bufStart < 0 || position < bufStart || position >= bufStart + bufLength) {
            buf.clear();
            int n = file.read(buf, position);
            if (n <= 0) {
                return -1;
            }
            bufStart = position;
            bufLength = n;
        }
        int from = (int) (position - bufStart);
        int n = Math.min(dst.remaining(), bufLength - from);
        dst.put(buf.array(), from, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() {
        // the archive's channel belongs to the caller, who closes it
    }
}
