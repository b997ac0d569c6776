package org.elfmap.output.pages;

import org.elfmap.space.PageSize;

/** The one-line verdict every format ends with. */
public final class TextSummary {
    private TextSummary() {
    }

    public static String line(long checked, long failed, long notBinding, long pageSize) {
        return String.format("%d ELF file%s checked at %s pages: %d fail%s", checked, checked == 1 ? "" : "s",
                new PageSize(pageSize).label(), failed, notBinding > 0 ? ", " + notBinding
                        + " more with problems in 32-bit ABIs or files (not binding without --all-abis)" : "");
    }

    public static String line(CheckPagesReport r) {
        return line(r.checked(), r.failed(), r.notBinding(), r.pageSize());
    }
}
