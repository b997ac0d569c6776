package org.elfmap.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.elfmap.maps.LineReader;
import org.elfmap.maps.MapsFormat;
import org.elfmap.maps.MapsEntry;
import org.elfmap.space.PageSize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one process's smaps, the text {@code explain} and {@code top} read most: the benchmark
 * JVM's own {@code /proc/self/smaps} (a few hundred entries, ~20 fields each), captured once and
 * parsed from memory, so the figure is the parser's cost per process without /proc's; and the
 * same process's {@code maps} (one line per entry). Also reported per line ({@code perLine}), the
 * unit the kernel's own cost is compared in. Run: bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmapsParseBenchmark {
    private byte[] smaps;
    private byte[] maps;

    @Setup
    public void capture() throws IOException {
        smaps = Files.readAllBytes(Path.of("/proc/self/smaps"));
        maps = Files.readAllBytes(Path.of("/proc/self/maps"));
    }

    @Benchmark
    public long parse() {
        return parse(smaps, MapsFormat.LINUX_SMAPS);
    }

    @Benchmark
    public long maps() {
        return parse(maps, MapsFormat.LINUX_MAPS);
    }

    private static long parse(byte[] text, MapsFormat format) {
        long[] sum = {0};
        try (LineReader in = new LineReader(new ByteArrayInputStream(text), "smaps")) {
            format.parser(PageSize.P4K).parse(in, (MapsEntry e) -> sum[0] += e.end() - e.start()
                    + e.usage().map(u -> u.rssBytes()).orElse(0L));
        }
        return sum[0];
    }
}
