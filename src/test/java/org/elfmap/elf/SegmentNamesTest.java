package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elfmap.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Processor- and OS-specific program header types are named as binutils' readelf names them, by
 * the file's machine and OS ABI: the crafted header-only files of {@code fixtures/crafted/names/}
 * (ARM, AArch64, MIPS both ways round, RISC-V, S/390 old and new, PA-RISC and IA-64 on HP-UX,
 * TI C6000, Solaris, GNU and FreeBSD's MBIND range, x86-64 with values readelf has no name for)
 * against the committed {@code readelf -lW} of binutils 2.40, and against the readelf of this
 * machine where there is one. readelf's table cuts names at 14 columns, so names are compared so cut.
 */
class SegmentNamesTest {
    private static final Path NAMES = Path.of("src/test/resources/fixtures/crafted/names");

    @Test
    void namesEqualTheCommittedReadelfOutput() throws IOException {
        Map<String, List<String>> theirs = readelf(Files.readString(NAMES.resolve("names.readelf")));
        assertThat(theirs).hasSizeGreaterThanOrEqualTo(14);
        theirs.forEach((file, types) -> assertThat(ours(NAMES.resolve(file))).as(file).isEqualTo(types));
    }

    @Test
    void namesEqualThisMachinesReadelf() throws Exception {
        assumeTrue(org.elfmap.testkit.Tools.has("readelf"), "binutils' readelf is not installed");
        List<String> cmd = new ArrayList<>(List.of("readelf", "-lW"));
        try (Stream<Path> s = Files.list(NAMES)) {
            s.filter(p -> p.toString().endsWith(".elf")).sorted().forEach(p -> cmd.add(p.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Map<String, List<String>> theirs = readelf(text);
        assertThat(theirs).hasSize(cmd.size() - 2);
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
        return elf.programHeaders().stream().map(p -> cut(elf.typeName(p))).toList();
    }

    private static String cut(String name) {
        return name.length() > 14 ? name.substring(0, 14) : name;
    }

    /** Each "File: NAME" block's type column (readelf prints it as {@code "  %-14.14s "}). */
    static Map<String, List<String>> readelf(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        boolean inTable = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("File: ")) {
                current = new ArrayList<>();
                out.put(line.substring(6).trim(), current);
                inTable = false;
            } else if (line.startsWith("  Type ")) {
                inTable = true;
            } else if (inTable && line.isBlank()) {
                inTable = false;
            } else if (inTable && current != null && line.length() > 16) {
                current.add(line.substring(2, 16).trim());
            }
        }
        return out;
    }
}
