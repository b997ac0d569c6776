package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on every kind of broken file the issue lists: each gives an {@link ElfFormatException}
 * naming the file and, where there is one, the offset, never a runtime exception from the JDK.
 */
class MalformedElfTest {
    private static final String NAME = "broken.so";

    private static ElfFile read(byte[] bytes) throws Exception {
        return Elf.read(new ArrayByteSource(NAME, bytes));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBad(byte[] bytes, String what) {
        return assertThatThrownBy(() -> read(bytes))
                .isExactlyInstanceOf(ElfFormatException.class)
                .hasMessageStartingWith(NAME + ": ")
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBadAt(byte[] bytes, String what, long offset) {
        return assertBad(bytes, what).hasMessageEndingWith("(at offset 0x" + Long.toHexString(offset) + ")");
    }

    /** A valid two-segment library, the seed's amd64 shape scaled down. */
    private static SyntheticElf library() {
        return SyntheticElf.elf64()
                .load(0, 0, 0x1000, 0x1000, "rx", 0x1000)
                .load(0x1000, 0x2000, 0x100, 0x800, "rw", 0x1000);
    }

    private static byte[] patch(byte[] b, int at, long value, int width) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (width) {
            case 2 -> buf.putShort(at, (short) value);
            case 4 -> buf.putInt(at, (int) value);
            default -> buf.putLong(at, value);
        }
        return b;
    }

    /** Offset in the file of field {@code fieldAt} of ELF64 program header {@code i}. */
    private static int ph64(int i, int fieldAt) {
        return 64 + i * 56 + fieldAt;
    }

    @Test
    void emptyFile() {
        assertBad(new byte[0], "empty file");
    }

    @Test
    void notElf() {
        assertBad("#!/bin/sh\necho hello\n".getBytes(StandardCharsets.US_ASCII), "not an ELF file");
        assertBad(new byte[] {0x7f, 'E', 'L'}, "not an ELF file");
    }

    @Test
    void truncatedInsideIdentAndHeader() {
        byte[] full = library().bytes();
        assertBad(Arrays.copyOf(full, 10), "shorter than the 16-byte identification");
        assertBad(Arrays.copyOf(full, 40), "shorter than the 64-byte ELF64 header");
        assertBad(Arrays.copyOf(SyntheticElf.elf32().bytes(), 30), "shorter than the 52-byte ELF32 header");
    }

    @Test
    void truncatedProgramHeaderTable() {
        byte[] full = library().bytes();
        assertBadAt(Arrays.copyOf(full, 64 + 56 + 10), "program header table of 2 entries", 64);
    }

    @Test
    void truncatedSegmentDataIsAFactNotAFault() throws Exception {
        byte[] full = library().bytes();
        // the headers survive, the second segment's file bytes do not: glibc and musl load such a
        // file all the same (fixtures/crafted past-eof.so), so the reader says how much is missing
        ElfFile cut = read(Arrays.copyOf(full, 0x1050));
        assertThat(cut.loads()).hasSize(2);
        assertThat(cut.bytesPastEnd(cut.loads().get(0))).isZero();
        assertThat(cut.bytesPastEnd(cut.loads().get(1))).isEqualTo(0xb0);
    }

    @Test
    void badClassAndEncoding() {
        assertBadAt(patch(library().bytes(), 4, 7, 2), "unknown ELF class 7", 4);
        byte[] b = library().bytes();
        b[5] = 3;
        assertBadAt(b, "unknown ELF data encoding 3", 5);
    }

    @Test
    void phentsizeTooSmallOrTooLarge() {
        assertBadAt(library().phentsize(32).bytes(), "e_phentsize is 32, expected 56", 54);
        assertBadAt(library().phentsize(0xffff).bytes(), "e_phentsize is 65535, expected 56", 54);
        assertBadAt(SyntheticElf.elf32().load(0, 0, 0x100, 0x100, "rx", 0x1000).phentsize(56).bytes(),
                "e_phentsize is 56, expected 32", 42);
    }

    @Test
    void phnumPnXnumWithoutSectionHeader() {
        assertBadAt(library().phnum(0xffff).bytes(), "PN_XNUM", 40);
    }

    @Test
    void phnumPnXnumReadsTheCountFromSectionHeaderZero() throws Exception {
        byte[] b = library().phnum(0xffff).minSize(0x1200).bytes();
        patch(b, 40, 0x1100, 8); // e_shoff
        patch(b, 58, 64, 2); // e_shentsize
        patch(b, 60, 1, 2); // e_shnum
        patch(b, 0x1100 + 44, 2, 4); // sh_info of section 0 = the real count
        ElfFile elf = read(b);
        assertThat(elf.header().phnum()).isEqualTo(2);
        assertThat(elf.loads()).hasSize(2);
    }

    @Test
    void phnumPnXnumWithHugeCountIsRefusedWithoutAllocating() {
        byte[] b = library().phnum(0xffff).minSize(0x1200).bytes();
        patch(b, 40, 0x1100, 8);
        patch(b, 58, 64, 2);
        patch(b, 0x1100 + 44, 0xfffffff0L, 4); // ~4 billion program headers
        assertBad(b, "program header");
    }

    @Test
    void pnXnumSectionHeaderPastEofOrTopBitSet() {
        byte[] b = library().phnum(0xffff).bytes();
        patch(b, 40, 0x7fff_ffff_0000L, 8);
        patch(b, 58, 64, 2);
        assertBad(b, "section header 0");
        patch(b, 40, 0x8000_0000_0000_1000L, 8);
        assertBad(b, "section header 0");
    }

    @Test
    void shnumOfPnXnumIsNotAProblemForLoaders() throws Exception {
        // e_shnum 0xffff (the sections' own SHN_XINDEX escape) with no section table: loaders ignore sections
        byte[] b = patch(library().bytes(), 60, 0xffff, 2);
        assertThat(read(b).loads()).hasSize(2);
    }

    @Test
    void phoffPastEofOrWithTopBitSet() {
        assertBadAt(patch(library().bytes(), 32, 0x10_0000, 8), "program header table of 2 entries", 0x10_0000);
        byte[] b = patch(library().bytes(), 32, 0x8000_0000_0000_0040L, 8);
        assertBadAt(b, "program header table of 2 entries", 0x8000_0000_0000_0040L);
        b = patch(library().bytes(), 32, 0x7fff_ffff_ffff_fff0L, 8);
        assertBadAt(b, "lies past the end", 0x7fff_ffff_ffff_fff0L);
    }

    @Test
    void loadOffsetAndSizeWithTopBitSet() {
        assertBadAt(patch(library().bytes(), ph64(1, 8), 0x8000_0000_0000_1000L, 8), "PT_LOAD 1", ph64(1, 0));
        assertBadAt(patch(library().bytes(), ph64(1, 32), -1L, 8), "PT_LOAD 1", ph64(1, 0));
        // offset + filesz wraps around to a small number
        byte[] b = patch(library().bytes(), ph64(1, 8), 0xffff_ffff_ffff_f000L, 8);
        assertBadAt(b, "ends beyond 2^63", ph64(1, 0));
    }

    @Test
    void loadAddressOverflow() {
        byte[] b = patch(library().bytes(), ph64(1, 16), 0xffff_ffff_ffff_f000L, 8);
        assertBadAt(b, "PT_LOAD 1: p_vaddr 0xfffffffffffff000", ph64(1, 0));
        b = patch(library().bytes(), ph64(1, 40), 0x7fff_ffff_ffff_ffffL, 8);
        assertBadAt(b, "p_memsz 0x7fffffffffffffff", ph64(1, 0));
    }

    @Test
    void loadEndThatRoundsPastTheAddressSpace() {
        // p_vaddr + p_memsz fits in 63 bits, but rounding it up to a page would not
        byte[] b = patch(library().bytes(), ph64(1, 16), 0x7fff_ffff_ffff_f000L, 8);
        patch(b, ph64(1, 40), 0xfff, 8);
        patch(b, ph64(1, 32), 0x100, 8);
        assertBadAt(b, "PT_LOAD 1", ph64(1, 0));
    }

    @Test
    void fileszAboveMemsz() {
        assertBadAt(patch(library().bytes(), ph64(1, 40), 0x10, 8), "exceeds p_memsz", ph64(1, 0));
    }

    @Test
    void interpreterPastEofOrAbsurd() {
        byte[] past = library().phdr(ProgramHeader.PT_INTERP, "r", 0x5000, 0, 0x20, 0x20, 1).bytes();
        assertBad(Arrays.copyOf(past, 0x1100), "PT_INTERP");
        byte[] huge = patch(library().phdr(ProgramHeader.PT_INTERP, "r", 0x200, 0, 0x20, 0x20, 1).bytes(),
                ph64(2, 32), 1L << 40, 8);
        assertBad(huge, "PT_INTERP");
        byte[] negative = patch(library().phdr(ProgramHeader.PT_INTERP, "r", 0x200, 0, 0x20, 0x20, 1).bytes(),
                ph64(2, 32), -5, 8);
        assertBad(negative, "PT_INTERP");
    }

    @Test
    void dynamicWithoutTerminator() {
        byte[] b = library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1000, 0x2000, 0x20, 0x20, 8)
                .put(0x1000, dyn64(DynamicInfo.DT_FLAGS, 0, DynamicInfo.DT_FLAGS_1, 1)).bytes();
        assertBadAt(b, "PT_DYNAMIC has no DT_NULL terminator", 0x1000);
    }

    @Test
    void dynamicPastEofOrHuge() {
        byte[] past = library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1080, 0x2080, 0x100, 0x100, 8).bytes();
        assertBad(Arrays.copyOf(past, 0x1100), "PT_DYNAMIC");
        byte[] huge = patch(library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1000, 0x2000, 0x10, 0x10, 8).bytes(),
                ph64(2, 32), 0x8000_0000_0000_0010L, 8);
        assertBad(huge, "PT_DYNAMIC");
    }

    @Test
    void neededNameOutsideTheStringTable() {
        byte[] b = library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1000, 0x2000, 0x40, 0x40, 8)
                .put(0x1000, dyn64(DynamicInfo.DT_NEEDED, 0x5000, DynamicInfo.DT_STRTAB, 0x800,
                        DynamicInfo.DT_STRSZ, 0x10, 0, 0))
                .putString(0x800, "libc.so.6").bytes();
        assertBad(b, "DT_NEEDED string offset 0x5000 is outside the 16-byte string table");
        byte[] topBit = library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1000, 0x2000, 0x40, 0x40, 8)
                .put(0x1000, dyn64(DynamicInfo.DT_NEEDED, 0x8000_0000_0000_0000L, DynamicInfo.DT_STRTAB, 0x800,
                        DynamicInfo.DT_STRSZ, 0x10, 0, 0)).bytes();
        assertBad(topBit, "DT_NEEDED string offset 0x8000000000000000");
    }

    @Test
    void stringTableOutsideEveryLoad() {
        byte[] b = library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1000, 0x2000, 0x30, 0x30, 8)
                .put(0x1000, dyn64(DynamicInfo.DT_SONAME, 0, DynamicInfo.DT_STRTAB, 0x9_0000, 0, 0)).bytes();
        assertBadAt(b, "DT_STRTAB 0x90000 is not inside the file image of any PT_LOAD", 0x1000);
        byte[] none = library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1000, 0x2000, 0x20, 0x20, 8)
                .put(0x1000, dyn64(DynamicInfo.DT_SONAME, 0, 0, 0)).bytes();
        assertBad(none, "has no DT_STRTAB");
    }

    @Test
    void stringNotTerminatedInsideItsTable() {
        byte[] b = library().phdr(ProgramHeader.PT_DYNAMIC, "rw", 0x1000, 0x2000, 0x40, 0x40, 8)
                .put(0x1000, dyn64(DynamicInfo.DT_SONAME, 0, DynamicInfo.DT_STRTAB, 0x800,
                        DynamicInfo.DT_STRSZ, 4, 0, 0))
                .putString(0x800, "libfoo.so").bytes();
        assertBad(b, "DT_SONAME string is not NUL-terminated");
    }

    @Test
    void notesWithAbsurdSizesAreSkippedNotTrusted() throws Exception {
        byte[] note = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xffff_fff0).putInt(0xffff_fff0).putInt(1).array();
        ElfFile elf = read(library().phdr(ProgramHeader.PT_NOTE, "r", 0x400, 0x400, 24, 24, 4).put(0x400, note).bytes());
        assertThat(elf.notes()).isEmpty();
    }

    @Test
    void noteSegmentPastEof() {
        byte[] b = library().phdr(ProgramHeader.PT_NOTE, "r", 0x4000, 0x400, 24, 24, 4).bytes();
        assertBad(Arrays.copyOf(b, 0x1100), "PT_NOTE 2 starts past the end");
    }

    /**
     * 65535 PT_NOTE headers all pointing at the same 64 KiB of empty notes would be 350 million
     * notes: the reader must stop long before, in memory and in time.
     */
    @Test
    @Timeout(20)
    void manyNoteHeadersOverTheSameNotesStayBounded() throws Exception {
        int n = 0xfffe;
        SyntheticElf s = SyntheticElf.elf64().load(0, 0, 0x1000, 0x1000, "r", 0x1000);
        long notesAt = 64 + (long) n * 56;
        for (int i = 1; i < n; i++) {
            s.phdr(ProgramHeader.PT_NOTE, "r", notesAt, 0, 0x10000, 0x10000, 4);
        }
        byte[] b = s.minSize(notesAt + 0x10000).bytes();
        ElfFile elf = read(b);
        assertThat(elf.programHeaders()).hasSize(n);
        assertThat(elf.notes().size()).isLessThanOrEqualTo(Elf.MAX_NOTES);
    }

    /**
     * A sparse 2 GiB file whose PN_XNUM count (30 million) fits inside it: the table alone would be
     * 1.7 GB, so the count must be refused before anything is allocated or read.
     */
    @Test
    @Timeout(10)
    void hugeExtendedCountInASparseFileIsRefusedBeforeAllocating(@TempDir Path dir) throws Exception {
        byte[] b = library().phnum(0xffff).minSize(0x1200).bytes();
        patch(b, 40, 0x1100, 8);
        patch(b, 58, 64, 2);
        patch(b, 0x1100 + 44, 30_000_000, 4);
        Path file = dir.resolve("sparse.so");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(b);
            f.setLength(2L << 30);
        }
        assertThatThrownBy(() -> Elf.read(file))
                .isExactlyInstanceOf(ElfFormatException.class)
                .hasMessageStartingWith(file + ": program header count 30000000 from section header 0 is more than");
    }

    @Test
    void directoryMissingFileAndFifo(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Elf.read(dir)).isInstanceOf(ElfFormatException.class)
                .hasMessage(dir + ": is a directory, not an ELF file");
        assertThatThrownBy(() -> Elf.read(dir.resolve("nope"))).isInstanceOf(ElfFormatException.class)
                .hasMessage(dir.resolve("nope") + ": no such file");
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // opening a FIFO for reading blocks until a writer comes: the reader must not open it
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> Elf.read(fifo))
                .isInstanceOf(ElfFormatException.class).hasMessage(fifo + ": is not a regular file (a FIFO, socket or device)"));
    }

    /**
     * 65535 DT_NEEDED entries all naming one 1 MB string: 65 GB of names (and as much reading) if
     * each were taken at its word. Names longer than any path are refused at the first one...
     */
    @Test
    @Timeout(20)
    void manyNeededEntriesNamingOneHugeStringStayBounded() {
        assertBad(manyNeeded(1 << 20), "DT_NEEDED string at 0x0 is longer than 65536 bytes");
    }

    /** ...and names of 40 KB each, long but not absurd, stop when they add up to 1 MiB. */
    @Test
    @Timeout(20)
    void manyNeededEntriesNamingLongStringsStayBounded() {
        assertBad(manyNeeded(40_000), "the dynamic section's names add up to more than 1048576 bytes");
    }

    private static byte[] manyNeeded(int strLen) {
        long strAt = 0x2000;
        long dynAt = strAt + strLen + 0x1000;
        int entries = (1 << 20) / 16 - 2;
        long[] tags = new long[(entries + 2) * 2];
        for (int i = 0; i < entries; i++) {
            tags[2 * i] = DynamicInfo.DT_NEEDED;
            tags[2 * i + 1] = i % 7;
        }
        tags[2 * entries] = DynamicInfo.DT_STRTAB;
        tags[2 * entries + 1] = strAt;
        byte[] name = new byte[strLen];
        Arrays.fill(name, 0, strLen - 1, (byte) 'a');
        long fileEnd = dynAt + tags.length * 8L;
        return SyntheticElf.elf64()
                .load(0, 0, fileEnd, fileEnd, "rw", 0x1000)
                .phdr(ProgramHeader.PT_DYNAMIC, "rw", dynAt, dynAt, tags.length * 8L, tags.length * 8L, 8)
                .put(strAt, name).put(dynAt, dyn64(tags)).bytes();
    }

    static byte[] dyn64(long... tagValues) {
        ByteBuffer b = ByteBuffer.allocate(tagValues.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : tagValues) {
            b.putLong(v);
        }
        return b.array();
    }
}
