package org.elfmap.elf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bytes of one ELF image, read by range: a file on disk ({@link FileByteSource}) or an entry held
 * in memory ({@link ArrayByteSource}, e.g. a {@code .so} inside an APK). The reader asks only for
 * the ranges it needs and checks every range against {@link #size()} before asking.
 */
public interface ByteSource extends Closeable {
    /** What to call this source in messages: a path, or {@code archive!/entry}. */
    String name();

    long size();

    /**
     * Reads exactly {@code length} bytes at {@code offset}. Callers have checked the range; a
     * source that cannot deliver it (a file truncated since) throws {@link ElfFormatException}.
     */
    ByteBuffer read(long offset, int length) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
