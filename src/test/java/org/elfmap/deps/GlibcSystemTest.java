package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.elf.Machines;
import org.elfmap.loader.Flavor;
import org.elfmap.testkit.RealLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ld.so's compiled-in facts, read from the interpreter file, against what ld.so says about itself. */
class GlibcSystemTest {
    private static final ElfTarget AMD64 = new ElfTarget(64, Machines.EM_X86_64, ByteOrder.LITTLE_ENDIAN);
    private static final ElfTarget I386 = new ElfTarget(32, Machines.EM_386, ByteOrder.LITTLE_ENDIAN);

    @Test
    void defaultDirsAreTheOnesLdSoHelpPrints() throws Exception {
        List<String> printed = new ArrayList<>();
        for (String line : RealLoader.helpSection("Shared library search path:")) {
            if (line.endsWith(" (system search path)")) {
                printed.add(line.replace(" (system search path)", "") + "/");
            }
        }
        GlibcSystem s = GlibcSystem.of(AMD64, Optional.of(RealLoader.require()));
        assertThat(printed).isNotEmpty();
        assertThat(s.systemDirs()).containsExactlyElementsOf(printed);
        // $LIB is what ld.so prints as dl_dst_lib
        assertThat(s.lib()).isEqualTo(RealLoader.diagnostics().get("dl_dst_lib"));
    }

    @Test
    void theReleaseReadFromLdSoIsTheOneItPrints() throws Exception {
        Path ldso = RealLoader.require();
        String printed = RealLoader.version();
        assertThat(GlibcVersion.of(Files.readAllBytes(ldso))).hasValue(GlibcVersion.parse(printed));
        assertThat(GlibcSystem.of(AMD64, Optional.of(ldso)).version()).isEqualTo(GlibcVersion.parse(printed));
    }

    @Test
    void i386LoaderOfDebiansMultilibSearchesLib32() {
        // Debian's gcc-multilib: its strings say /lib32/ /usr/lib32/ /lib/ /usr/lib/, and $LIB is lib32;
        // $PLATFORM of an i386 process on an x86-64 CPU is i686 (CMOV), whoever made the CPU.
        GlibcSystem s = GlibcSystem.of(I386, Optional.of(RealLoader.hostFile("/lib32/ld-linux.so.2")));
        assertThat(s.systemDirs()).containsExactly("/lib32/", "/usr/lib32/", "/lib/", "/usr/lib/");
        assertThat(s.lib()).isEqualTo("lib32");
        assertThat(s.platform()).isEqualTo("i686");
        assertThat(s.acceptsCacheFlags(0x0003)).isTrue();
        assertThat(s.acceptsCacheFlags(0x0001)).isTrue();
        assertThat(s.acceptsCacheFlags(0x0303)).isFalse();
    }

    @Test
    void amd64AcceptsOnlyItsOwnCacheEntries() {
        GlibcSystem s = GlibcSystem.of(AMD64, Optional.empty());
        assertThat(s.acceptsCacheFlags(0x0303)).isTrue();
        assertThat(s.acceptsCacheFlags(0x0001)).isFalse();
        assertThat(s.acceptsCacheFlags(0x0803)).isFalse();
        assertThat(s.acceptsCacheFlags(0x0003)).isFalse();
        // no interpreter to read: upstream glibc's x86-64 slibdir
        assertThat(s.systemDirs()).containsExactly("/lib64/", "/usr/lib64/");
        assertThat(s.lib()).isEqualTo("lib64");
    }

    @Test
    void scanFindsTheRunOfDirectories() {
        byte[] b = "junk\0/not-a-dir\0/lib64/\0/usr/lib64/\0tail\0".getBytes(StandardCharsets.US_ASCII);
        assertThat(GlibcSystem.compiledInDirs(b)).hasValue(List.of("/lib64/", "/usr/lib64/"));
        assertThat(GlibcSystem.compiledInDirs("/lib/\0x".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    /** A sysroot whose libc.so.6 is a link to itself: no release read from it, and no error (ELOOP is "not there"). */
    @Test
    void aLibcCaughtInALinkLoopIsNoLibcNotAnError(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("lib64"));
        Files.createSymbolicLink(root.resolve("lib64/libc.so.6"), Path.of("/lib64/libc.so.6"));
        GlibcSystem s = GlibcSystem.of(AMD64, Flavor.GLIBC, Optional.empty(), Sysroot.at(root), TargetOptions.NONE,
                LoaderEnvironment.EMPTY);
        assertThat(s.version()).isEqualTo(GlibcVersion.NEWEST_KNOWN);
    }
}
