package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elfmap.space.RawNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that are not UTF-8 (issue 16 item 14): the bytes {@code \xff\xfe} in a name given on
 * the command line, in an {@code @LIST} file and met in a tree name their file, and are shown
 * {@code \xff\xfe}. The command line is the hard case: the JVM decodes argv before {@code main}, so
 * the name is passed here as real bytes by {@code sh}'s {@code printf}, to a child JVM, on each
 * installed JDK (17 and 25 when present), under a UTF-8 and the C locale.
 */
class NonUtf8NamesTest {
    static final Path LIB = Path.of("src/test/resources/fixtures/arm64/arm64-16k.so");
    /** {@code lib\xff\xfe.so} as a carried string: the two bytes that are not UTF-8, kept. */
    static final String NAME = "lib" + (char) 0xdcff + (char) 0xdcfe + ".so";

    @TempDir
    Path tmp;

    private Path rawFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Path file = dir.resolve(RawNames.path(NAME));
        Files.copy(LIB, file);
        assertThat(Files.isRegularFile(file)).isTrue();
        return file;
    }

    static List<Path> jdks() {
        List<Path> out = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
            s.filter(d -> d.getFileName().toString().contains("25")).filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> !Files.isSymbolicLink(d)).findFirst().ifPresent(out::add);
        } catch (IOException e) {
            // only the running JDK
        }
        return out;
    }

    private record Ran(int exit, String out, String err) {
    }

    /** {@code java ... Main ARGS... "$(printf RAW)"}: the last argument as the bytes printf makes of {@code raw}. */
    private Ran run(Path jdk, String lang, String raw, String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" \"$(printf \"$RAW\")\"", "sh",
                jdk.resolve("bin/java").toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                "org.elfmap.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("RAW", raw);
        pb.environment().put("LANG", lang);
        pb.environment().remove("LC_ALL");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1), Files.readString(err,
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void aNameWithBytesFfFeOnTheCommandLineNamesItsFileOnEveryJdkAndLocale() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "sh's printf passes the raw bytes");
        Path file = rawFile();
        String raw = file.getParent() + "/lib\\377\\376.so";
        for (Path jdk : jdks()) {
            for (String lang : List.of("C.UTF-8", "C")) {
                Ran layout = run(jdk, lang, raw, "layout");
                assertThat(layout.exit()).as("%s %s: %s", jdk, lang, layout.err()).isZero();
                assertThat(layout.out()).startsWith(file.getParent() + "/lib\\xff\\xfe.so: ELF64");
                Ran check = run(jdk, lang, raw, "check-pages");
                assertThat(check.out()).as("%s %s", jdk, lang).contains("ok    " + file.getParent() + "/lib\\xff\\xfe.so");
                Ran missing = run(jdk, lang, file.getParent() + "/nothere\\377", "layout");
                assertThat(missing.err()).isEqualTo("elfmap: " + file.getParent() + "/nothere\\xff: no such file\n");
            }
        }
    }

    @Test
    void anAtListLineWithBytesFfFeNamesItsFile() throws Exception {
        Path file = rawFile();
        byte[] line = RawNames.bytes(RawNames.carried(file) + "\n");
        Path list = Files.write(tmp.resolve("list"), line);
        CliRun run = CliRun.of("check-pages", "@" + list);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("ok    " + file.getParent() + "/lib\\xff\\xfe.so");
    }

    @Test
    void aTreeEntryWithBytesFfFeIsCheckedAndShownEscaped() throws Exception {
        Path file = rawFile();
        CliRun run = CliRun.of("check-pages", file.getParent().toString());
        assertThat(run.out()).contains("ok    " + file.getParent() + "/lib\\xff\\xfe.so");
        CliRun json = CliRun.of("check-pages", "--json", file.getParent().toString());
        assertThat(json.out()).contains("lib\\\\xff\\\\xfe.so");
    }

    /**
     * Every command's JSON (and the HTML pages and SARIF that embed JSON) spells a name that is not
     * UTF-8 one way, {@code \\xff} as text shows it, and never as a lone surrogate escape
     * ({@code \\udcff}): UTF-8 cannot encode one, so Python's {@code json.loads(..)} of it cannot be
     * written back, and Chromium's {@code --dump-dom} of such a page crashed.
     */
    @Test
    void everyJsonAndHtmlOutputSpellsABytesNameAsBackslashX() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/true")), "a host executable to predict");
        Path dir = Files.createDirectories(tmp.resolve("j"));
        String exe = RawNames.carried(dir) + "/true" + (char) 0xdcff + (char) 0xdcfe;
        Files.copy(Path.of("/bin/true"), RawNames.path(exe));
        Path lib = rawFile();
        String maps = RawNames.carried(dir) + "/m" + (char) 0xdcff + ".maps";
        // a capture naming a file with the same bytes: the path inside as well as the capture's own name
        byte[] line = RawNames.bytes("55e000000000-55e000001000 r--p 00000000 fe:01 123 " + exe + "\n");
        Files.write(RawNames.path(maps), line);
        List<String[]> runs = List.of(new String[] {"layout", "--json", exe},
                new String[] {"predict", "--json", exe}, new String[] {"predict", "--format", "html", exe},
                new String[] {"compare", "--json", exe, maps}, new String[] {"compare", "--format", "html", exe, maps},
                new String[] {"explain", "--json", maps}, new String[] {"explain", "--format", "html", maps},
                new String[] {"check-pages", "--json", RawNames.carried(lib)},
                new String[] {"check-pages", "--format", "sarif", "--page-size", "64k", RawNames.carried(lib)});
        for (String[] args : runs) {
            CliRun run = CliRun.of(args);
            String what = String.join(" ", args).replaceAll("[\\udc80-\\udcff]", "?");
            assertThat(run.exit()).as("%s: %s", what, run.err()).isIn(0, 1);
            assertThat(run.out()).as(what).doesNotContainPattern("(?i)\\\\ud[89a-f][0-9a-f]{2}")
                    .doesNotContainPattern("[\\ud800-\\udfff]").contains("\\\\xff");
        }
    }
}
