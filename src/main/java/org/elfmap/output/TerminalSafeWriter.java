package org.elfmap.output;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import org.elfmap.Printable;

/**
 * The safety net under every text renderer: whatever a renderer writes, a character a terminal
 * would act on ({@link Printable#unsafe}) reaches the terminal escaped. Newlines and tabs, which
 * the renderers use for their layout, pass; values that must stay on one line (table cells,
 * headings) are escaped before, with {@link Printable#text}.
 */
public final class TerminalSafeWriter extends FilterWriter {
    private char pendingHigh;

    public TerminalSafeWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(ch)) {
                out.write(high);
                out.write(ch);
                return;
            }
            out.write(Printable.line(String.valueOf(high)));
        }
        if (Character.isHighSurrogate(ch)) {
            pendingHigh = ch;
        } else if (ch == '\n' || ch == '\t' || !Printable.unsafe(ch)) {
            out.write(ch);
        } else {
            out.write(Printable.line(String.valueOf(ch)));
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        write(java.nio.CharBuffer.wrap(buf, off, len), 0, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write((CharSequence) s, off, len);
    }

    /** Safe runs go through in one call; only the characters that need a look go one by one. */
    private void write(CharSequence s, int off, int len) throws IOException {
        int run = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = s.charAt(i);
            if (pendingHigh != 0 || (Printable.unsafe(c) && c != '\n' && c != '\t')) {
                out.append(s, run, i);
                write(c);
                run = i + 1;
            }
        }
        out.append(s, run, end);
    }

    @Override
    public void flush() throws IOException {
        if (pendingHigh != 0) {
            out.write(Printable.line(String.valueOf(pendingHigh)));
            pendingHigh = 0;
        }
        super.flush();
    }
}
