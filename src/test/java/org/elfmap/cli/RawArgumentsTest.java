package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments matched with the bytes of /proc/self/cmdline by position, and left alone when they do not match. */
class RawArgumentsTest {
    @TempDir
    Path tmp;

    private Path cmdline(String... argv) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            b.append(a).append('\0');
        }
        return Files.write(tmp.resolve("cmdline"), b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void anArgumentTheJvmDecodedLossilyGetsItsBytesBack() throws Exception {
        Path c = cmdline("java", "-cp", "x.jar", "org.elfmap.cli.Main", "layout", "/tmp/n\u00ff\u00fe");
        String[] args = {"layout", "/tmp/n\ufffd\ufffd"};
        String[] got = RawArguments.recover(args, c, StandardCharsets.UTF_8);
        assertThat(got[0]).isSameAs(args[0]);
        assertThat(got[1]).isEqualTo("/tmp/n" + (char) 0xdcff + (char) 0xdcfe);
    }

    @Test
    void argumentsThatDoNotMatchTheCommandLineAreLeftAlone() throws Exception {
        Path c = cmdline("java", "Main", "other", "/tmp/n\u00ff\u00fe");
        String[] args = {"layout", "/tmp/n\ufffd\ufffd"};
        assertThat(RawArguments.recover(args, c, StandardCharsets.UTF_8)).isSameAs(args);
        assertThat(RawArguments.recover(args, tmp.resolve("absent"), StandardCharsets.UTF_8)).isSameAs(args);
    }
}
