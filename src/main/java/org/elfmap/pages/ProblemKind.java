package org.elfmap.pages;

/**
 * The contract's problem kinds for {@code check-pages}: Android's four (the platform's ELF policy,
 * AOSP {@code elfpolicy}, and Android Studio's {@code pagealign} report the same ones),
 * {@code congruence}, and {@code malformed} for unreadable input. The label is the SARIF
 * {@code ruleId} and the JSON {@code kind}.
 */
public enum ProblemKind {
    /** The smallest PT_LOAD {@code p_align} is below the page size ({@code VerifyLoadSegmentsAlignment}). */
    ALIGN("align"),
    /** A PT_GNU_RELRO neither starts on a page nor where its LOAD starts ({@code RelroStartIsValid}). */
    RELRO_START("relro-start"),
    /** A PT_GNU_RELRO neither ends on a page nor where its LOAD ends ({@code RelroEndIsValid}), or is empty. */
    RELRO_END("relro-end"),
    /** A stored (uncompressed) {@code .so} whose data does not start on a page boundary in its APK. */
    ZIP_OFFSET("zip-offset"),
    /** {@code p_offset % P != p_vaddr % P}: the segment cannot be mapped from the file at this page size. */
    CONGRUENCE("congruence"),
    /** The ELF file or archive entry could not be read; the reason says why. */
    MALFORMED("malformed");

    private final String label;

    ProblemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
