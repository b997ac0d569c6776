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
 * parsed from memory, so the figure is the parser's cost per process without /proc's. Run:
 * bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmapsParseBenchmark {
    private byte[] smaps;

    @Setup
    public void capture() throws IOException {
        smaps = Files.readAllBytes(Path.of("/proc/self/smaps"));
    }

    @Benchmark
    public long parse() {
        long[] sum = {0};
        try (LineReader in = new LineReader(new ByteArrayInputStream(smaps), "smaps")) {
            MapsFormat.LINUX_SMAPS.parser(PageSize.P4K).parse(in, (MapsEntry e) -> sum[0] += e.end() - e.start());
        }
        return sum[0];
    }
}
