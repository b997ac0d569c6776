package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.space.PageSize;
import org.elfmap.testkit.LayoutInvariants;

/**
 * The reader's contract on any bytes: an {@link ElfFile} or an {@link ElfFormatException} that
 * names the file on one line, quickly; and every file it accepts lays out well under every model
 * at 4k, 16k and 64k. Random bytes rarely get past the magic, so most tries start from real
 * files (the fuzz seed corpus) with header fields overwritten by boundary values.
 */
class ElfReaderProperties {
    private static final List<PageSize> PAGES = List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K);
    private static final List<byte[]> SEEDS = loadSeeds();

    /** A write of {@code width} bytes of {@code value} at {@code at} (taken modulo the file size). */
    record Mutation(int at, int width, long value, boolean bigEndian) {
        void applyTo(byte[] b) {
            if (b.length < width) {
                return;
            }
            int pos = Math.floorMod(at, b.length - width + 1);
            ByteBuffer buf = ByteBuffer.wrap(b).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            switch (width) {
                case 1 -> buf.put(pos, (byte) value);
                case 2 -> buf.putShort(pos, (short) value);
                case 4 -> buf.putInt(pos, (int) value);
                default -> buf.putLong(pos, value);
            }
        }
    }

    @Property(tries = 500)
    void randomBytes(@ForAll @Size(max = 512) byte[] bytes) {
        check(bytes);
    }

    @Property(tries = 500)
    void elfMagicThenRandomBytes(@ForAll @Size(max = 1024) byte[] tail, @ForAll boolean is64, @ForAll boolean big) {
        byte[] b = new byte[16 + tail.length];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (big ? 2 : 1), 1}, 0, b, 0, 7);
        System.arraycopy(tail, 0, b, 16, tail.length);
        check(b);
    }

    @Property(tries = 2000)
    void realFilesWithHeaderFieldsOverwritten(@ForAll("seeds") byte[] seed,
                                              @ForAll("mutations") List<Mutation> mutations) {
        byte[] b = seed.clone();
        for (Mutation m : mutations) {
            m.applyTo(b);
        }
        check(b);
    }

    @Property(tries = 300)
    void realFilesCutAnywhere(@ForAll("seeds") byte[] seed, @ForAll double where) {
        check(java.util.Arrays.copyOf(seed, (int) (seed.length * Math.abs(where % 1.0))));
    }

    private static void check(byte[] bytes) {
        long t0 = System.nanoTime();
        ElfFile elf;
        try {
            elf = Elf.read(new ArrayByteSource("prop.so", bytes));
        } catch (ElfFormatException e) {
            assertThat(e.getMessage()).startsWith("prop.so: ").doesNotContain("\n");
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (PageSize page : PAGES) {
            for (LoaderModel model : Loaders.ALL) {
                LayoutInvariants.check(model.layout(elf, page));
            }
        }
        assertThat(System.nanoTime() - t0).as("time to read and lay out, ns").isLessThan(2_000_000_000L);
    }

    @Provide
    Arbitrary<byte[]> seeds() {
        return Arbitraries.of(SEEDS);
    }

    /** Mostly header and program-header-table positions, with the values that break arithmetic. */
    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> at = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(16, 63)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(64, 64 + 12 * 56)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1 << 16)));
        Arbitrary<Integer> width = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Long> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(0L, 1L, -1L, 0xffffL, 0xfffeL, 0x7fffffffL, 0x80000000L,
                        0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, 0x8000_0000_0000_1000L, 1L << 62, 56L, 32L, 64L,
                        0x1000L, 0x6474e552L, 2L, 3L, 4L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs()));
        return Combinators.combine(at, width, value, Arbitraries.of(false, true)).as(Mutation::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }

    private static List<byte[]> loadSeeds() {
        try {
            Path dir = Path.of(ElfReaderProperties.class
                    .getResource("ElfReaderFuzzTestInputs/readAndLayout").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.sorted().map(ElfReaderProperties::readAll).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
