package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.elfmap.testkit.SyntheticElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader reads the dynamic string table by window, not whole (a large C++ library's table is
 * megabytes of symbol names). These cases pin down that the names come out the same whether they
 * sit close together, far apart, run past the first guess, or run off the end of the table.
 */
class DynamicStringWindowTest {
    private static final long DYN_AT = 0x1000;
    private static final long STR_AT = 0x2000;
    private static final int STR_LEN = 200_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "soname at {0}")
    @ValueSource(ints = {1100, 150_000})
    void namesCloseTogetherFarApartAndLongAreAllRead(int sonameAt) throws Exception {
        String runpath = "/opt/" + "x".repeat(1000) + "/lib";
        byte[] strtab = new byte[STR_LEN];
        put(strtab, 1, "libc.so.6");
        put(strtab, 11, "libm.so.6");
        put(strtab, 40, runpath);
        put(strtab, sonameAt, "libfar.so.1");
        byte[] file = library(strtab, new long[][] {
            {DynamicInfo.DT_NEEDED, 1}, {DynamicInfo.DT_NEEDED, 11}, {DynamicInfo.DT_RUNPATH, 40},
            {DynamicInfo.DT_SONAME, sonameAt}});

        for (ElfFile elf : List.of(Elf.read(new SyntheticBytes(file).write(dir)),
                Elf.read(new ArrayByteSource("mem", file)))) {
            DynamicInfo dyn = elf.dynamic().orElseThrow();
            assertThat(dyn.needed()).containsExactly("libc.so.6", "libm.so.6");
            assertThat(dyn.runpath()).isEqualTo(Optional.of(runpath));
            assertThat(dyn.soname()).isEqualTo(Optional.of("libfar.so.1"));
        }
    }

    @Test
    void aNameRunningOffTheEndOfTheTableIsStillAnError() {
        byte[] strtab = new byte[STR_LEN];
        java.util.Arrays.fill(strtab, STR_LEN - 600, STR_LEN, (byte) 'a');
        byte[] file = library(strtab, new long[][] {{DynamicInfo.DT_NEEDED, STR_LEN - 600}});

        assertThatThrownBy(() -> Elf.read(new SyntheticBytes(file).write(dir)))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("DT_NEEDED string is not NUL-terminated inside the string table");
    }

    private static void put(byte[] table, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, table, at, b.length);
    }

    /** One PT_LOAD over the whole file, PT_DYNAMIC at 0x1000, the string table at 0x2000. */
    private static byte[] library(byte[] strtab, long[][] tags) {
        ByteBuffer dyn = ByteBuffer.allocate((tags.length + 3) * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] t : tags) {
            dyn.putLong(t[0]).putLong(t[1]);
        }
        dyn.putLong(DynamicInfo.DT_STRTAB).putLong(STR_AT);
        dyn.putLong(DynamicInfo.DT_STRSZ).putLong(strtab.length);
        dyn.putLong(DynamicInfo.DT_NULL).putLong(0);
        long size = STR_AT + strtab.length;
        return SyntheticElf.elf64()
                .load(0, 0, size, size, "rw", 0x1000)
                .phdr(ProgramHeader.PT_DYNAMIC, "rw", DYN_AT, DYN_AT, dyn.capacity(), dyn.capacity(), 8)
                .put(DYN_AT, dyn.array())
                .put(STR_AT, strtab)
                .bytes();
    }

    private record SyntheticBytes(byte[] bytes) {
        Path write(Path dir) throws java.io.IOException {
            return java.nio.file.Files.write(dir.resolve("lib.so"), bytes);
        }
    }
}
