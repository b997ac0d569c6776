package org.elfmap.pages;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on one ELF file, on disk or inside an archive ({@code archive!/entry}).
 *
 * @param binding  false for a library that Android's 16 KiB rule does not bind: in a 32-bit ABI
 *                 directory, or an ELFCLASS32 file (elfpolicy skips those). It is reported but does
 *                 not fail the run, unless {@code --all-abis}
 * @param abi      the Android ABI directory it sits in ({@code arm64-v8a}), in an archive or a tree
 * @param identity its bytes' SHA-256 and GNU build ID, when asked for (to find which dependency
 *                 shipped a failing library)
 */
public record FileVerdict(String path, List<PageProblem> problems, List<PageNote> notes, boolean binding,
                          Optional<String> abi, List<WhatIf> whatIf, Optional<LibraryIdentity> identity) {

    public FileVerdict {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        whatIf = List.copyOf(whatIf);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Fails the run: has problems and is bound by the rule. */
    public boolean fails() {
        return !ok() && binding;
    }

    /** The name inside its archive ({@code lib/arm64-v8a/libfoo.so}), or the path of a file on disk. */
    public String entry() {
        int bang = path.lastIndexOf("!/");
        return bang < 0 ? path : path.substring(bang + 2);
    }

    /** The archive holding it ({@code app.apk}), or the file itself. */
    public String container() {
        int bang = path.indexOf("!/");
        return bang < 0 ? path : path.substring(0, bang);
    }

    /** The file name alone: {@code libfoo.so}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
