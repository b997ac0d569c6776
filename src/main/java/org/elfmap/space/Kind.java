package org.elfmap.space;

import java.util.Optional;

/**
 * What a mapping is, in the contract's words. The first group comes from ELF segments and the
 * loaders; the second only from observed address spaces.
 */
public enum Kind {
    TEXT("text"),
    RODATA("rodata"),
    RELRO("relro"),
    DATA("data"),
    BSS("bss"),
    GAP("gap"),
    ZEROED_TAIL("zeroed-tail"),
    HEAP("heap"),
    STACK("stack"),
    VDSO("vdso"),
    VVAR("vvar"),
    VSYSCALL("vsyscall"),
    ANON("anon"),
    FILE("file"),
    SHM("shm");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind a loaded segment's pages have, by protection: code, read-only data, or data. */
    public static Kind ofSegment(Prot prot) {
        if (prot.exec()) {
            return TEXT;
        }
        return prot.write() ? DATA : RODATA;
    }

    public static Optional<Kind> byLabel(String label) {
        for (Kind k : values()) {
            if (k.label.equals(label)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
