package org.elfmap.space;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's page size, from {@code AT_PAGESZ} in {@code /proc/self/auxv}; 4 KiB if unreadable. */
public final class HostPage {
    private static final int AT_PAGESZ = 6;
    private static PageSize cached;

    private HostPage() {
    }

    public static synchronized PageSize size() {
        if (cached == null) {
            cached = read();
        }
        return cached;
    }

    private static PageSize read() {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc/self/auxv"))).order(ByteOrder.nativeOrder());
            while (b.remaining() >= 16) {
                long type = b.getLong();
                long value = b.getLong();
                if (type == AT_PAGESZ) {
                    return new PageSize(value);
                }
                if (type == 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs: fall through to the common default
        }
        return PageSize.P4K;
    }
}
