package org.elfmap.maps;

/**
 * Reads one capture format line by line and hands each entry to a sink as soon as it is complete.
 * A new format is one new class here, one constant in {@link MapsFormat}, and its tests.
 */
public sealed interface MapsParser
        permits LinuxMapsParser, LinuxSmapsParser, SmapsRollupParser, FreeBsdMapParser, ProcstatParser {

    /**
     * Parses the whole input; a line that does not belong to the format throws a
     * {@link org.elfmap.BadInputException} naming {@code where:line}.
     */
    void parse(LineReader in, EntrySink sink);
}
