package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elfmap.testkit.Readelf;
import org.junit.jupiter.api.Test;

/**
 * Our program headers equal binutils' for a deterministic sample of the ELF files under /usr:
 * every field {@code readelf -lW} prints, type names included.
 */
class ReadelfAgreementTest {
    private static final int SAMPLE = 200;

    @Test
    void programHeadersEqualReadelfForASampleOfUsr() throws Exception {
        assumeTrue(Readelf.installed(), "binutils' readelf is needed");
        List<Path> sample = sample();
        assertThat(sample).hasSizeGreaterThan(50);
        Map<String, List<String>> theirs = readelf(sample);
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (Path file : sample) {
            List<String> expected = theirs.get(file.toString());
            if (expected == null) {
                continue;
            }
            List<String> ours = new ArrayList<>();
            ElfFile elf = Elf.read(file);
            for (ProgramHeader p : elf.programHeaders()) {
                ours.add(String.join(" ", Readelf.cut(elf.typeName(p)), hex(p.offset()), hex(p.vaddr()), hex(p.paddr()),
                        hex(p.filesz()), hex(p.memsz()), readelfFlags(p), hex(p.align())));
            }
            compared++;
            if (!ours.equals(expected)) {
                differences.add(file + "\n  readelf " + expected + "\n  elfmap  " + ours);
            }
        }
        assertThat(compared).isGreaterThan(50);
        assertThat(differences).isEmpty();
    }

    /** Every 7th ELF file under /usr/bin and /usr/lib, in path order: the same sample on every run. */
    static List<Path> sample() throws IOException {
        List<Path> elf = new ArrayList<>();
        for (String dir : new String[] {"/usr/bin", "/usr/lib/x86_64-linux-gnu", "/usr/lib32", "/usr/libexec"}) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d, 3)) {
                s.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p)).sorted()
                        .filter(ReadelfAgreementTest::isElf).forEach(elf::add);
            }
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < elf.size() && out.size() < SAMPLE; i += 7) {
            out.add(elf.get(i));
        }
        return out;
    }

    private static boolean isElf(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code readelf -lW} once over all files and collects each file's header rows, normalised. */
    static Map<String, List<String>> readelf(List<Path> files) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Readelf.rows(Readelf.listing(files), files.get(0).toString()).forEach((file, rows) -> {
            List<String> normalised = new ArrayList<>();
            for (String row : rows) {
                String[] t = row.trim().split("\\s+");
                StringBuilder flags = new StringBuilder();
                for (int i = 6; i < t.length - 1; i++) {
                    flags.append(t[i]);
                }
                normalised.add(String.join(" ", t[0], norm(t[1]), norm(t[2]), norm(t[3]), norm(t[4]), norm(t[5]),
                        flags.toString(), norm(t[t.length - 1])));
            }
            out.put(file, normalised);
        });
        return out;
    }

    private static String norm(String hex) {
        return hex(Long.parseUnsignedLong(hex.startsWith("0x") ? hex.substring(2) : hex, 16));
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }

    private static String readelfFlags(ProgramHeader p) {
        return (p.readable() ? "R" : "") + (p.writable() ? "W" : "") + (p.executable() ? "E" : "");
    }
}
