package org.elfmap.maps;

/** Linux {@code /proc/PID/maps}: one entry per line ({@link LinuxMapsLine}). */
public final class LinuxMapsParser implements MapsParser {
    @Override
    public void parse(LineReader in, EntrySink sink) {
        Order order = new Order(in.where());
        for (String line = in.next(); line != null; line = in.next()) {
            if (line.isBlank()) {
                continue;
            }
            MapsEntry e = LinuxMapsLine.parse(line, in.where(), in.lineNo());
            order.check(e);
            sink.entry(e);
        }
    }
}
