package org.elfmap.cli;

import org.junit.jupiter.api.Test;

/** Bad usage, like bad input, is one line on stderr and exit code 2, pointing at the right --help. */
class UsageErrorsTest {
    @Test
    void unknownCommandsOptionsAndValuesAreOneLine() {
        CliRun.of("bogus").failsWith("unknown command 'bogus'", "layout, explain, predict, compare, check-pages, top",
                "elfmap --help").oneErrorLine();
        CliRun.of("layout", "--nope", "x").failsWith("--nope", "elfmap layout --help").oneErrorLine();
        CliRun.of("layout").failsWith("FILE").oneErrorLine();
        CliRun.of("compare", "1").failsWith("B").oneErrorLine();
        CliRun.of("layout", "--page-size", "3k", "/bin/ls").failsWith("power of two").oneErrorLine();
        CliRun.of("layout", "--loader", "nope", "/bin/ls").failsWith("unknown loader 'nope'").oneErrorLine();
        CliRun.of("explain", "--format", "nope", "1").failsWith("unknown format 'nope'").oneErrorLine();
        CliRun.of("top", "--limit", "-1").failsWith("--limit").oneErrorLine();
        CliRun.of("check-pages", "--page-size", "0", "/bin/ls").failsWith("--page-size").oneErrorLine();
    }

    /** {@code help} is a command like the others: unknown names and options are usage errors, not bugs. */
    @Test
    void helpRefusesUnknownCommandsAndOptionsInOneLine() {
        CliRun.of("help", "nope").failsWith("unknown command 'nope'", "check-pages").oneErrorLine();
        CliRun.of("help", "--foo").failsWith("Unknown option: '--foo'", "elfmap help --help").oneErrorLine();
        CliRun top = CliRun.of("help", "top");
        org.assertj.core.api.Assertions.assertThat(top.exit()).isZero();
        org.assertj.core.api.Assertions.assertThat(top.out()).isEqualTo(CliRun.of("top", "--help").out());
        org.assertj.core.api.Assertions.assertThat(CliRun.of("help").out()).isEqualTo(CliRun.of("--help").out());
    }

    /** A run that did nothing says so on stderr (exit code unchanged); an ELF file given to explain is named as one. */
    @Test
    void aRunThatDidNothingSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createFile(dir.resolve("empty"));
        CliRun layout = CliRun.of("layout", "@" + empty);
        org.assertj.core.api.Assertions.assertThat(layout.exit()).isZero();
        org.assertj.core.api.Assertions.assertThat(layout.err())
                .isEqualTo("elfmap: warning: @" + empty + " lists no paths: nothing to lay out\n");
        CliRun predict = CliRun.of("predict", "--json", "@" + empty, "@" + empty);
        org.assertj.core.api.Assertions.assertThat(predict.err())
                .isEqualTo("elfmap: warning: @" + empty + ", @" + empty + " list no paths: nothing to predict\n");
        // a zip that holds only an APK: nested archives are not opened, so no ELF file is found
        java.nio.file.Path apk = java.nio.file.Path.of("src/test/resources/fixtures/arm64/app-16k-stored16k.apk");
        java.nio.file.Path outer = dir.resolve("outer.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(outer))) {
            z.putNextEntry(new java.util.zip.ZipEntry("app.apk"));
            z.write(java.nio.file.Files.readAllBytes(apk));
            z.closeEntry();
        }
        for (String[] args : new String[][] {{"check-pages", outer.toString()}, {"check-pages", "@" + empty},
            {"check-pages", "--json", outer.toString()}}) {
            CliRun check = CliRun.of(args);
            org.assertj.core.api.Assertions.assertThat(check.exit()).isZero();
            org.assertj.core.api.Assertions.assertThat(check.err()).isEqualTo("elfmap: warning: no ELF file found in the"
                    + " paths given (archives inside archives are not opened): nothing was checked\n");
        }
        org.assertj.core.api.Assertions.assertThat(CliRun.of("check-pages", apk.toString()).err()).isEmpty();
        CliRun.of("explain", "/bin/true").failsWith("/bin/true: an ELF file, not a memory map: use 'elfmap layout' or"
                + " 'elfmap predict'").oneErrorLine();
    }

    /** Options that only shape text are refused with the other formats, not silently ignored. */
    @Test
    void textOnlyOptionsWithAnotherFormatAreRefused() {
        CliRun.of("predict", "--tree", "--json", "/bin/ls").failsWith("--tree", "prints text only", "--format json")
                .oneErrorLine();
        CliRun.of("predict", "--tree", "--format", "folded", "/bin/ls").failsWith("--tree", "text only").oneErrorLine();
        CliRun.of("check-pages", "--quiet", "--format", "sarif", "/bin/ls").failsWith("--quiet", "text only",
                "--format sarif").oneErrorLine();
    }

    /** A sysroot that does not exist would silently resolve nothing: every command refuses it. */
    @Test
    void aRootThatIsNotADirectoryIsRefusedByEveryCommand() {
        for (String command : new String[] {"explain", "layout", "predict", "check-pages"}) {
            CliRun.of(command, "--root", "/nonexistent/sysroot", "/bin/ls").failsWith("--root", "does not exist")
                    .oneErrorLine();
        }
        CliRun.of("top", "--root", "/nonexistent/sysroot").failsWith("--root", "does not exist").oneErrorLine();
        String file = org.elfmap.testkit.Fixtures.dir("deps").resolve("build.sh").toString();
        CliRun.of("top", "--root", file).failsWith("--root", "is not a directory").oneErrorLine();
    }

    /** picocli reads "$$" in help text as an escaped "$": the examples must still say $$ (the shell's PID). */
    @Test
    void helpExamplesShowTheShellsPid() {
        org.assertj.core.api.Assertions.assertThat(CliRun.of("explain", "--help").out()).contains("elfmap explain $$ ");
        org.assertj.core.api.Assertions.assertThat(CliRun.of().out()).contains("elfmap explain $$ ");
    }
}
