package org.elfmap.space;

/** What is behind a mapping: the file, anonymous zero pages, or a no-access guard reservation. */
public enum Backing {
    FILE("file"),
    ANON("anon"),
    /** FreeBSD's MAP_GUARD: address space held, no object, no pages, not counted in VSZ. */
    GUARD("guard");

    private final String label;

    Backing(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
