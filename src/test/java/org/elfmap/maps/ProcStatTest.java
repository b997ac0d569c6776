package org.elfmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code /proc/PID/stat} read for the name, state, flags, start time and size (proc(5)). */
class ProcStatTest {
    @Test
    void aNameWithSpacesAndParenthesesEndsAtTheLastParenthesis() {
        ProcStat s = ProcStat.parse("42 (a) b (c)) S 1 42 42 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 12345 8675328 "
                + "200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
        assertThat(s.command()).isEqualTo("a) b (c)");
        assertThat(s.state()).isEqualTo('S');
        assertThat(s.flags()).isEqualTo(4194560);
        assertThat(s.startTime()).isEqualTo("12345");
        assertThat(s.vsize()).isEqualTo(8675328);
        assertThat(s.hasAddressSpace()).isTrue();
    }

    @Test
    void thisProcessAsTheKernelPrintsIt() throws Exception {
        Path self = Path.of("/proc/self");
        ProcStat s = ProcStat.parse(Files.readString(self.resolve("stat"), StandardCharsets.ISO_8859_1));
        assertThat(s.command()).isEqualTo(Files.readString(self.resolve("comm")).stripTrailing());
        // field 23 is VmSize in bytes (status prints it in KiB); both move as this JVM maps memory
        assertThat(s.vsize()).isPositive();
        assertThat(s.kernelThread()).isFalse();
    }

    @Test
    void aKernelThreadHasNoSize() throws Exception {
        Path kthreadd = Path.of("/proc/2/stat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(kthreadd), "no pid 2 (kthreadd) visible here");
        ProcStat s = ProcStat.parse(Files.readString(kthreadd, StandardCharsets.ISO_8859_1));
        org.junit.jupiter.api.Assumptions.assumeTrue(s.command().equals("kthreadd"), "pid 2 is not kthreadd (a container)");
        assertThat(s.kernelThread()).isTrue();
        assertThat(s.vsize()).isZero();
        assertThat(s.hasAddressSpace()).isFalse();
    }
}
