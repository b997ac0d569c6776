package org.elfmap.elf;

import java.util.OptionalInt;
import org.elfmap.BadInputException;

/** A file that is not ELF, or whose headers point outside the file or contradict each other. */
public final class ElfFormatException extends BadInputException {
    private final String what;
    private final OptionalInt programHeader;

    public ElfFormatException(String file, String what) {
        this(file, what, OptionalInt.empty());
    }

    private ElfFormatException(String file, String what, OptionalInt programHeader) {
        super(file, what);
        this.what = what;
        this.programHeader = programHeader;
    }

    static ElfFormatException at(String file, long offset, String what) {
        return new ElfFormatException(file, what + " (at offset 0x" + Long.toHexString(offset) + ")");
    }

    /** A {@link SegmentRules} rule broken, naming the program header that broke it where one did. */
    static ElfFormatException of(String file, SegmentRules.Problem p) {
        return new ElfFormatException(file, p.what(), p.header());
    }

    /** What is wrong, without where. */
    public String what() {
        return what;
    }

    /** The index of the program header that broke a {@link SegmentRules} rule, for the reader to say where it is. */
    public OptionalInt programHeader() {
        return programHeader;
    }
}
