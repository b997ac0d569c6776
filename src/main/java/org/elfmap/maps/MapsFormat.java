package org.elfmap.maps;

import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.PageSize;

/** The capture formats {@code explain} reads ({@code --format}), and how each is recognised. */
public enum MapsFormat {
    LINUX_MAPS("linux-maps"),
    LINUX_SMAPS("linux-smaps"),
    LINUX_SMAPS_ROLLUP("linux-smaps-rollup"),
    FREEBSD_MAP("freebsd-map"),
    PROCSTAT("procstat");

    private final String label;

    MapsFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The parser; FreeBSD formats count resident memory in pages of {@code page}. */
    public MapsParser parser(PageSize page) {
        return switch (this) {
            case LINUX_MAPS -> new LinuxMapsParser();
            case LINUX_SMAPS -> new LinuxSmapsParser();
            case LINUX_SMAPS_ROLLUP -> new SmapsRollupParser();
            case FREEBSD_MAP -> new FreeBsdMapParser(page);
            case PROCSTAT -> new ProcstatParser(page);
        };
    }

    public static MapsFormat named(String label) {
        return byLabel(label).orElseThrow(() -> new BadInputException("--input-format",
                "unknown format '" + label + "' (one of " + labels() + ")"));
    }

    public static java.util.Optional<MapsFormat> byLabel(String label) {
        for (MapsFormat f : values()) {
            if (f.label.equals(label)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    public static String labels() {
        StringBuilder sb = new StringBuilder();
        for (MapsFormat f : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.label);
        }
        return sb.toString();
    }

    /**
     * Recognises the format from the first non-blank line (and, to tell smaps from maps, the one
     * after it) without consuming anything. An empty input has no format.
     */
    public static Optional<MapsFormat> detect(LineReader in, PageSize page) {
        int i = 0;
        String first = in.peek(i);
        while (first != null && first.isBlank()) {
            first = in.peek(++i);
        }
        if (first == null) {
            return Optional.empty();
        }
        if (LinuxMapsLine.looksLike(first)) {
            if (first.endsWith("[rollup]")) {
                return Optional.of(LINUX_SMAPS_ROLLUP);
            }
            String second = in.peek(i + 1);
            boolean fields = second != null && !LinuxMapsLine.isHeader(second) && second.indexOf(':') > 0;
            return Optional.of(fields ? LINUX_SMAPS : LINUX_MAPS);
        }
        if (ProcstatParser.looksLike(first, page)) {
            return Optional.of(PROCSTAT);
        }
        if (FreeBsdMapParser.looksLike(first, page)) {
            return Optional.of(FREEBSD_MAP);
        }
        if (first.startsWith("\u007fELF")) {
            // its header as escaped bytes would tell nobody anything: say what it is and what reads it
            throw new BadInputException(in.where(), "an ELF file, not a memory map: use 'elfmap layout' or 'elfmap"
                    + " predict' (explain reads a PID or a capture of its maps)");
        }
        String shown = LinuxMapsLine.shorten(first);
        throw new BadInputException(in.where() + ":" + (in.lineNo() + i + 1), "not a memory map I know (Linux maps,"
                + " smaps, smaps_rollup, FreeBSD procfs map, procstat -v, readelf -lW or objdump -x listing): '"
                + shown + "'");
    }
}
