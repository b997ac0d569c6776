package org.elfmap.pages;

/** The contract's problem kinds for {@code check-pages}, plus {@code malformed} for unreadable input. */
public enum ProblemKind {
    /** A PT_LOAD's {@code p_align} below the page size (bionic: "program alignment cannot be smaller than system page size"). */
    ALIGN("align"),
    /** {@code p_offset % P != p_vaddr % P}: the segment cannot be mapped from the file at this page size. */
    CONGRUENCE("congruence"),
    /** A stored (uncompressed) {@code .so} whose data does not start on a page boundary in the archive. */
    ZIP_OFFSET("zip-offset"),
    /** PT_GNU_RELRO does not end on a page boundary, so its last partial page stays writable. */
    RELRO("relro"),
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
