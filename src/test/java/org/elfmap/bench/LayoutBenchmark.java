package org.elfmap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.elfmap.elf.ArrayByteSource;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-file work of {@code layout} once the JVM is warm: parse the ELF headers from bytes in
 * memory (no I/O), then simulate the file's default loader. bench/layout.sh measures the whole
 * command, start-up included; this says how much of it is elfmap's own code. Run: bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LayoutBenchmark {
    @Param({"/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/bin/ls"})
    public String file;

    private ArrayByteSource bytes;
    private ElfFile elf;

    @Setup
    public void read() throws IOException {
        bytes = new ArrayByteSource(file, Files.readAllBytes(Path.of(file)));
        elf = Elf.read(bytes);
    }

    @Benchmark
    public ElfFile parse() throws IOException {
        return Elf.read(bytes);
    }

    @Benchmark
    public Object layoutDefaultLoader() {
        return Loaders.defaultFor(elf).layout(elf, PageSize.P4K);
    }
}
