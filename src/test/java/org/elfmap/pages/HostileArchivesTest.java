package org.elfmap.pages;

import org.elfmap.testkit.Checkers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elfmap.cli.CliRun;
import org.elfmap.testkit.ChildElfmap;
import org.elfmap.testkit.SyntheticElf;
import org.elfmap.testkit.Tools;
import org.elfmap.testkit.SyntheticZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives built to exhaust or fool {@code check-pages} (issue 16 items 8 and 15): entries that
 * overlap one deflate stream, entries that make the reader inflate far, and fake end records
 * that hide an APK's libraries.
 */
class HostileArchivesTest {
    static final Path APK = Path.of("src/test/resources/fixtures/arm64/app-4k-stored16k.apk");

    @TempDir
    Path tmp;

    private static List<FileVerdict> verdicts(Path archive) throws IOException {
        List<FileVerdict> out = new ArrayList<>();
        Checkers.checker(CheckPagesTest.at16k(), out::add).check(archive);
        return out;
    }

    /**
     * 200 central directory entries pointing at one deflate stream of 64 MiB of zeros: refused as
     * overlapping before anything is inflated. Info-ZIP's unzip, patched for CVE-2019-13232, says
     * the same of it ("overlapped components").
     */
    @Test
    void entriesThatOverlapOneDeflateStreamAreRefusedBeforeInflating() throws Exception {
        SyntheticZip zip = new SyntheticZip();
        int bomb = zip.add("lib/arm64-v8a/lib0.so", new byte[64 << 20], true);
        for (int i = 1; i < 200; i++) {
            zip.alias("lib/arm64-v8a/lib" + i + ".so", bomb);
        }
        Path file = zip.write(tmp.resolve("bomb.apk"));
        List<FileVerdict> v = verdicts(file);
        // one verdict, for the archive, naming the first two entries: the directory was refused
        // before any entry was read (a library read would be a verdict of its own)
        assertThat(v).hasSize(1);
        assertThat(v.get(0).path()).isEqualTo(file.toString());
        assertThat(reason(v.get(0))).contains("'lib/arm64-v8a/lib0.so' and 'lib/arm64-v8a/lib1.so' overlap");
        assumeTrue(Tools.has("unzip", "-v"), "unzip is the second opinion");
        Process p = new ProcessBuilder("unzip", "-t", file.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("unzip.log").toFile()).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String said = Files.readString(tmp.resolve("unzip.log"), StandardCharsets.ISO_8859_1);
        assumeTrue(ended && said.contains("overlapped components"), "this unzip is not patched for CVE-2019-13232"
                + " (it does not refuse overlapped components): no second opinion");
        assertThat(p.exitValue()).isNotZero();
    }

    /**
     * Ten ELF entries, each 64 MiB of deflated zeros whose program header table sits at the very
     * end: reading each one's headers means inflating all of it. The archive is 1 MiB, so its
     * budget is the 512 MiB floor: seven entries are read (each costs a little over 64 MiB: the
     * reader starts again from the top for the header after the identification), the other three
     * refused, and the whole run fits a 64 MiB heap (entries are no longer inflated whole into memory).
     */
    @Test
    void inflatedBytesAreBudgetedPerArchiveAndHeldByRangeOnly() throws Exception {
        int size = 64 << 20;
        byte[] elf = SyntheticElf.elf64().machine(183).phoff(size - 56L).load(0, 0, 0x40, 0x40, "r", 0x4000)
                .minSize(size).bytes();
        SyntheticZip zip = new SyntheticZip();
        int first = zip.add("lib/arm64-v8a/lib0.so", elf, true);
        for (int i = 1; i < 10; i++) {
            zip.copy("lib/arm64-v8a/lib" + i + ".so", first);
        }
        Path file = zip.write(tmp.resolve("deep.apk"));
        assertThat(Files.size(file)).isLessThan(2 << 20);
        ChildElfmap run = ChildElfmap.run(tmp, "64m", List.of(), 120, "check-pages", file.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("10 ELF files checked at 16k pages: 3 fail");
        assertThat(run.out().lines().filter(l -> l.contains("budget of 536870912 inflated bytes"))).hasSize(3);
        assertThat(run.out().lines().filter(l -> l.startsWith("ok  "))).hasSize(7);
    }

    /** 3,000 empty end records appended to a real APK: its libraries are not hidden, the archive is malformed. */
    @Test
    void fakeEndRecordsAppendedToAnApkAreMalformedNotZeroChecked() throws Exception {
        byte[] apk = Files.readAllBytes(APK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(apk);
        for (int i = 0; i < 3000; i++) {
            out.writeBytes(SyntheticZip.emptyEndRecord(0));
        }
        Path file = Files.write(tmp.resolve("hidden.apk"), out.toByteArray());
        CliRun run = CliRun.of("check-pages", file.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  " + file).contains("malformed: not a readable zip archive: the central"
                + " directory lists no entries, yet").contains("1 ELF file checked");
    }

    /** A file of nothing but end records, each pointing at itself, and an empty APK: both refused, as Android does. */
    @Test
    void endRecordsAloneOrAnEmptyApkAreMalformed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) {
            out.writeBytes(SyntheticZip.emptyEndRecord(out.size()));
        }
        Path fake = Files.write(tmp.resolve("fake.zip"), out.toByteArray());
        assertThat(reason(verdicts(fake).get(0))).contains("lists no entries, yet 65978 bytes");
        Path empty = Files.write(tmp.resolve("empty.apk"), SyntheticZip.emptyEndRecord(0));
        assertThat(reason(verdicts(empty).get(0))).contains("kEmptyArchive");
        Path emptyZip = Files.write(tmp.resolve("empty.zip"), SyntheticZip.emptyEndRecord(0));
        assertThat(verdicts(emptyZip)).isEmpty(); // a zip may be empty; only Android packages may not
    }

    /** libziparchive's "extraneous bytes" rule: a byte after the end record and its comment. */
    @Test
    void bytesAfterTheEndRecordAreRefusedAsAndroidRefusesThem() throws Exception {
        Path file = Files.write(tmp.resolve("trailing.apk"), concat(Files.readAllBytes(APK), new byte[] {0}));
        assertThat(reason(verdicts(file).get(0))).contains("1 extraneous bytes at the end of"
                + " the central directory");
    }

    /**
     * End record fields at their ZIP64 maximum with no ZIP64 locator before the record are plain
     * values, checked against the file: a central directory of 0xffffffff bytes runs past the end
     * record ("bad offsets"), and 0xffff entries do not fit in the directory there is ("ran off the
     * end"). libziparchive refuses both (FindCentralDirectoryInfo, ParseZipArchive).
     */
    @Test
    void zip64MarkersWithoutAZip64RecordAreCheckedAsValues() throws Exception {
        byte[] apk = Files.readAllBytes(APK);
        int eocd = endRecord(apk);
        byte[] size = apk.clone();
        java.nio.ByteBuffer.wrap(size).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(eocd + 12, 0xffffffff);
        assertThat(reason(verdicts(Files.write(tmp.resolve("size.apk"), size)).get(0)))
                .contains("bad offsets: the central directory at", "(4294967295 bytes) runs past its end record");
        byte[] count = apk.clone();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(count).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(eocd + 8, (short) 0xffff).putShort(eocd + 10, (short) 0xffff);
        assertThat(reason(verdicts(Files.write(tmp.resolve("count.apk"), count)).get(0)))
                .contains("the end record counts 65535 entries, more than its");
        assumeTrue(Tools.has("unzip", "-v"), "unzip is the second opinion");
        for (String name : List.of("size.apk", "count.apk")) {
            Process p = new ProcessBuilder("unzip", "-t", tmp.resolve(name).toString()).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("unzip -t " + name).isNotZero();
        }
    }

    /**
     * A real ZIP64 archive (the JDK's ZipOutputStream writes the ZIP64 end record and locator for
     * 65535 entries or more, and 0xffff in the end record): its counts come from the ZIP64 record
     * and its library is checked. A locator that points at no ZIP64 record is malformed.
     */
    @Test
    void aZip64ArchiveIsReadThroughItsZip64Record() throws Exception {
        Path file = tmp.resolve("many.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            z.setLevel(0);
            z.putNextEntry(new java.util.zip.ZipEntry("lib/arm64-v8a/lib.so"));
            z.write(Files.readAllBytes(Path.of("src/test/resources/fixtures/arm64/arm64-16k.so")));
            z.closeEntry();
            for (int i = 0; i < 0xffff; i++) {
                z.putNextEntry(new java.util.zip.ZipEntry(Integer.toString(i, 36)));
                z.closeEntry();
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        int eocd = endRecord(bytes);
        assertThat(java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(eocd + 10))
                .as("the end record says 'see ZIP64'").isEqualTo((short) 0xffff);
        List<FileVerdict> v = verdicts(file);
        assertThat(v).hasSize(1);
        assertThat(v.get(0).path()).endsWith("!/lib/arm64-v8a/lib.so");
        assertThat(v.get(0).problems()).extracting(PageProblem::kind).doesNotContain(ProblemKind.MALFORMED);
        // the locator (20 bytes before the end record) pointing past its own start: no ZIP64 record there
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(eocd - 20 + 8, eocd);
        assertThat(reason(verdicts(Files.write(tmp.resolve("lost.zip"), bytes)).get(0)))
                .contains("the ZIP64 locator points at", "where no ZIP64 end record is");
    }

    /** The offset of the last end of central directory record. */
    private static int endRecord(byte[] zip) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = zip.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                return i;
            }
        }
        throw new AssertionError("no end record");
    }

    /** Found over /usr: a Python file beginning "PKGVERSION =" was taken for a zip and reported malformed. */
    @Test
    void aTextFileBeginningWithPkIsNotAnArchive() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("google_version.py"), "PKGVERSION = \"(tzcode)\"\n");
        assertThat(verdicts(tree)).isEmpty();
    }

    /** The reason of a verdict's first problem, which must be {@code malformed}. */
    /** The problem's sentence, as every format says it. */
    private static String reason(FileVerdict v) {
        assertThat(v.problems().get(0).kind()).isEqualTo(ProblemKind.MALFORMED);
        return org.elfmap.output.pages.PageText.problem(v.problems().get(0));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
