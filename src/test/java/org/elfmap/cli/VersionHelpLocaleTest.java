package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What elfmap answers itself rather than through picocli (--version), and numbers whatever the locale. */
class VersionHelpLocaleTest {
    @Test
    void versionIsPrintedWithoutColours() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Main.run(new String[] {"layout", "--version"}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("elfmap ").contains("\nJVM: ").doesNotContain("\u001b[");
    }

    /** picocli's order: the first command asked for help or its version answers, help first on one command. */
    @Test
    void helpAndVersionAnswerInPicocliOrder() {
        for (String[] args : new String[][] {{"layout", "-hV"}, {"layout", "-Vh"}, {"layout", "--version", "--help"},
            {"--help", "--version"}, {"--help", "layout", "--version"}}) {
            assertThat(answer(args)).as(String.join(" ", args)).doesNotStartWith("elfmap ").contains("Usage:");
        }
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"layout", "--version"}, {"--version", "layout"}}) {
            assertThat(answer(args)).as(String.join(" ", args)).startsWith("elfmap ").contains("\nJVM: ");
        }
    }

    /** Digits stay ASCII under a locale with its own: the sentences still formatted write them too. */
    @Test
    void numbersAreAsciiWhateverTheLocale() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("th-TH-u-nu-thai"));
            // a JDK without its locale data (a jlinked runtime) writes ASCII anyway: nothing to show then
            org.junit.jupiter.api.Assumptions.assumeTrue(String.format("%d", 2).equals("\u0e52"),
                    "this JDK has no Thai digits (jdk.localedata)");
            // bionic's refusal, in its own words: formatted with %d
            String out = answer(new String[] {"layout", "--page-size", "16k", "--loader", "bionic", "--json",
                "fixtures/seed-compare/i386/app"});
            assertThat(out).contains("program alignment (4096) cannot be smaller than system page size (16384)")
                    .doesNotContainPattern("[\u0e50-\u0e59]");
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }

    private static String answer(String[] args) {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Main.run(args, new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(code).as(String.join(" ", args)).isZero();
        return out.toString();
    }

}
