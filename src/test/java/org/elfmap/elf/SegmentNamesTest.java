package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.elfmap.testkit.Readelf;
import org.junit.jupiter.api.Test;

/**
 * Processor- and OS-specific program header types are named as binutils' readelf names them, by
 * the file's machine and OS ABI: the crafted header-only files of {@code fixtures/crafted/names/}
 * (ARM, AArch64, MIPS both ways round, RISC-V, S/390 old and new, PA-RISC and IA-64 on HP-UX,
 * TI C6000, Solaris, GNU and FreeBSD's MBIND range, x86-64 with values readelf has no name for)
 * against the committed {@code readelf -lW} of binutils 2.40, and against the readelf of this
 * machine where that is 2.40 too. readelf's table cuts names at 14 columns, so names are compared so cut.
 */
class SegmentNamesTest {
    private static final Path NAMES = Path.of("src/test/resources/fixtures/crafted/names");

    @Test
    void namesEqualTheCommittedReadelfOutput() throws IOException {
        Map<String, List<String>> theirs = types(Files.readAllLines(NAMES.resolve("names.readelf")));
        assertThat(theirs).hasSizeGreaterThanOrEqualTo(14);
        theirs.forEach((file, types) -> assertThat(ours(NAMES.resolve(file))).as(file).isEqualTo(types));
    }

    /**
     * The names are binutils 2.40's (readelf.c's tables grow with each release: a later one names
     * types 2.40 printed as LOPROC+n): only that release's readelf must agree with them.
     */
    @Test
    void namesEqualThisMachinesReadelf() throws Exception {
        Optional<String> version = Readelf.version();
        assumeTrue(version.equals(Optional.of("2.40")), "the names are binutils 2.40's; this machine's readelf is "
                + version.map(v -> "binutils " + v).orElse("not installed"));
        List<Path> files;
        try (Stream<Path> s = Files.list(NAMES)) {
            files = s.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
        Map<String, List<String>> theirs = types(Readelf.listing(files));
        assertThat(theirs).hasSize(files.size());
        theirs.forEach((file, types) -> assertThat(ours(Path.of(file))).as(file).isEqualTo(types));
    }

    @Test
    void wholeNamesAreBinutilsOwn() {
        // readelf.c get_aarch64_segment_type, get_riscv_segment_type, get_parisc_segment_type: beyond 14 columns
        assertThat(SegmentTypes.name(0x70000002, Machines.EM_AARCH64, 0)).isEqualTo("AARCH64_MEMTAG_MTE");
        assertThat(SegmentTypes.name(0x70000000, Machines.EM_AARCH64, 0)).isEqualTo("AARCH64_ARCHEXT");
        assertThat(SegmentTypes.name(0x70000003, 243, 0)).isEqualTo("RISCV_ATTRIBUTES");
        assertThat(SegmentTypes.name(0x70000002, 15, 1)).isEqualTo("PARISC_WEAKORDER");
        assertThat(SegmentTypes.name(0x65a3dbe6, 62, 0)).isEqualTo("OPENBSD_RANDOMIZE");
        assertThat(SegmentTypes.name(0x12345678, 62, 0)).isEqualTo("<unknown>: 12345678");
    }

    private static List<String> ours(Path file) {
        ElfFile elf = Elf.read(file);
        return elf.programHeaders().stream().map(p -> Readelf.cut(elf.typeName(p))).toList();
    }

    /** Each "File: NAME" block's type column. */
    private static Map<String, List<String>> types(List<String> readelf) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Readelf.rows(readelf, "").forEach((file, rows) -> out.put(file, rows.stream().map(Readelf::type).toList()));
        return out;
    }
}
