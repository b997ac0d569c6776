package org.elfmap.elf;

import org.elfmap.BadInputException;

/** A file that is not ELF, or whose headers point outside the file or contradict each other. */
public final class ElfFormatException extends BadInputException {
    public ElfFormatException(String file, String what) {
        super(file, what);
    }

    static ElfFormatException at(String file, long offset, String what) {
        return new ElfFormatException(file, what + " (at offset 0x" + Long.toHexString(offset) + ")");
    }
}
