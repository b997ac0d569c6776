package org.elfmap.pages;

import org.elfmap.testkit.Checkers;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.elfmap.space.PageSize;

/**
 * The zip-offset rule over generated APKs: a stored {@code .so} placed at any offset (padded
 * through its local extra field, as zipalign does) gets a {@code zip-offset} problem exactly when
 * its data does not start on a 16 KiB boundary; a deflated one never does; every library entry
 * gets one verdict. The archive is read in place, with its central directory buffered.
 */
class ArchiveProperties {
    private static final byte[] LIB = read("src/test/resources/fixtures/arm64/arm64-16k.so");

    private static byte[] read(String f) {
        try {
            return Files.readAllBytes(Path.of(f));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * An entry: whether its data is placed on a 16 KiB boundary, else how far past one (1..4096),
     * whether stored, and how many class files come before it.
     */
    record Entry(boolean aligned, int jitter, boolean stored, int filler) {
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 4096),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 30)).as(Entry::new).list().ofMinSize(1)
                .ofMaxSize(4);
    }

    @Property(tries = 60)
    void zipOffsetIsReportedExactlyForMisalignedStoredLibraries(@ForAll("entries") List<Entry> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Long> dataOffsets = new ArrayList<>();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            int n = 0;
            for (Entry e : entries) {
                for (int i = 0; i < e.filler(); i++) {
                    z.putNextEntry(new ZipEntry("classes/C" + n + "_" + i + ".class"));
                    z.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, (byte) i});
                    z.closeEntry();
                }
                String name = "lib/arm64-v8a/lib" + n++ + ".so";
                ZipEntry ze = new ZipEntry(name);
                z.flush();
                long before = bytes.size() + 30 + name.length() + 4; // local header, name, extra field's own header
                int pad = (int) ((16384 - before % 16384) % 16384) + (e.aligned() ? 0 : e.jitter());
                if (e.stored()) {
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(LIB.length);
                    CRC32 crc = new CRC32();
                    crc.update(LIB);
                    ze.setCrc(crc.getValue());
                    // extra field: header id 0xd935 (zipalign's), length, then padding bytes
                    byte[] extra = new byte[4 + pad];
                    extra[0] = 0x35;
                    extra[1] = (byte) 0xd9;
                    extra[2] = (byte) pad;
                    extra[3] = (byte) (pad >> 8);
                    ze.setExtra(extra);
                }
                z.putNextEntry(ze);
                z.flush();
                dataOffsets.add((long) bytes.size()); // the local header is written: data starts here
                z.write(LIB);
                z.closeEntry();
            }
        }
        Path apk = Files.createTempFile("prop", ".apk");
        try {
            Files.write(apk, bytes.toByteArray());
            List<FileVerdict> verdicts = new ArrayList<>();
            Checkers.checker(new CheckOptions(PageSize.P16K, false, List.of(), Optional.empty()), verdicts::add).check(apk);
            assertThat(verdicts).hasSize(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                FileVerdict v = verdicts.get(i);
                boolean misaligned = entries.get(i).stored() && dataOffsets.get(i) % 16384 != 0;
                if (entries.get(i).stored()) {
                    assertThat(dataOffsets.get(i) % 16384 == 0).as("the generator's placement").isEqualTo(entries.get(i).aligned());
                }
                assertThat(v.problems().stream().anyMatch(p -> p.kind() == ProblemKind.ZIP_OFFSET))
                        .as("%s at 0x%x, stored=%s", v.path(), dataOffsets.get(i), entries.get(i).stored())
                        .isEqualTo(misaligned);
                assertThat(v.problems().stream().anyMatch(p -> p.kind() == ProblemKind.MALFORMED)).isFalse();
            }
        } finally {
            Files.delete(apk);
        }
    }
}
