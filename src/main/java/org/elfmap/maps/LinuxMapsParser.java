package org.elfmap.maps;

/** Linux {@code /proc/PID/maps}: one entry per line ({@link LinuxMapsLine}), parsed in place. */
public final class LinuxMapsParser implements MapsParser {
    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        Line line = in.line();
        while (in.advance()) {
            if (line.isBlank()) {
                continue;
            }
            MapsEntry e = LinuxMapsLine.parse(line, in.where(), in.lineNo());
            order.check(e);
            sink.entry(e);
        }
    }
}
