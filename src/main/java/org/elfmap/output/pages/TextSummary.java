package org.elfmap.output.pages;

import java.util.List;
import org.elfmap.space.PageSize;

/** The one-line verdict every format ends with. */
public final class TextSummary {
    private TextSummary() {
    }

    /**
     * "3 ELF files checked at 16k pages: 1 fail", with the files that have problems the rule does
     * not bind, and the paths (named, or met in a tree) that could not be checked (their errors said already).
     */
    public static String line(CheckRun.Tally t, PageSize page, List<String> inputErrors) {
        int notChecked = inputErrors.size();
        return t.checked() + " ELF file" + (t.checked() == 1 ? "" : "s") + " checked at " + page.label() + " pages: "
                + t.failed() + " fail" + (t.notBinding() > 0 ? ", " + t.notBinding()
                        + " more with problems in 32-bit ABIs or files (not binding without --all-abis)" : "")
                + (notChecked > 0 ? "; " + notChecked + (notChecked == 1 ? " path" : " paths") + " could not be checked"
                        + " (exit 2)" : "");
    }

    public static String line(CheckPagesReport r) {
        return line(r.tally(), r.page(), r.inputErrors());
    }
}
