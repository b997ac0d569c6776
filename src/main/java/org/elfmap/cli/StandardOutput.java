package org.elfmap.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The process's standard output, as elfmap writes it: a write error is not swallowed (a
 * {@code PrintWriter} would only set a flag nobody reads) but ends the run through
 * {@link Failed}, which the command line turns into one line and exit 2 — or, for a reader that
 * closed the pipe early ({@code | head -1}), into a quiet end.
 */
final class StandardOutput extends OutputStream {
    private final OutputStream out;

    StandardOutput() {
        this(new FileOutputStream(FileDescriptor.out));
    }

    StandardOutput(OutputStream out) {
        this.out = out;
    }

    /** A write to standard output failed; {@link #closedPipe()} tells a reader that went away. */
    static final class Failed extends RuntimeException {
        Failed(IOException cause) {
            super(cause.getMessage(), cause);
        }

        /** EPIPE: the reader closed its end ({@code head}, {@code less} quit); nothing to report. */
        boolean closedPipe() {
            String m = getMessage();
            return m != null && (m.contains("Broken pipe") || m.contains("Stream closed"));
        }
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new Failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new Failed(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new Failed(e);
        }
    }
}
