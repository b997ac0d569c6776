package org.elfmap.pages;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on one ELF file, on disk or inside an archive ({@code archive!/entry}).
 *
 * @param binding false for a library of a 32-bit Android ABI: reported, but it does not fail the
 *                run (Android's 16 KiB rule binds only 64-bit ABIs) unless {@code --all-abis}
 * @param abi     the Android ABI directory it sits in ({@code arm64-v8a}), when inside an APK/AAR
 */
public record FileVerdict(String path, List<PageProblem> problems, List<String> notes, boolean binding,
                          Optional<String> abi, List<WhatIf> whatIf) {

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
}
