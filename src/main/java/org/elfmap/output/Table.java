package org.elfmap.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.elfmap.Printable;

/** A plain text table with aligned columns; numbers right-aligned, text left-aligned. */
public final class Table {
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private int limit = Integer.MAX_VALUE;
    private long more;

    public Table(String... headers) {
        this.headers = headers;
        this.rightAligned = new boolean[headers.length];
    }

    /** Marks columns whose values are numbers, to align them on the right. */
    public Table right(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /**
     * Keeps at most {@code rows} rows and counts the rest ({@link #more}): a table is held whole
     * to align its columns, and a crafted file can ask for millions of rows (131,072 program
     * headers made 900,000 cells; issue 16 item 7).
     */
    public Table limit(int rows) {
        this.limit = rows;
        return this;
    }

    /** Rows added beyond {@link #limit}, not shown. */
    public long more() {
        return more;
    }

    public Table row(Object... cells) {
        if (rows.size() >= limit) {
            more++;
            return this;
        }
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) {
            // a cell is one line whatever it quotes: a newline in a name must not forge a row
            r[i] = i < cells.length && cells[i] != null ? Printable.text(cells[i].toString()) : "";
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out, String indent) {
        int[] w = new int[headers.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        line(out, indent, headers, w);
        for (String[] r : rows) {
            line(out, indent, r, w);
        }
    }

    private void line(PrintWriter out, String indent, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String c = cells[i];
            int pad = w[i] - c.length();
            if (rightAligned[i]) {
                sb.append(" ".repeat(pad)).append(c);
            } else if (i < cells.length - 1) {
                sb.append(c).append(" ".repeat(pad));
            } else {
                sb.append(c);
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
