package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.cli.CliRun;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.Explainer;
import org.elfmap.explain.Source;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.RawNames;
import org.elfmap.testkit.DynamicElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code --root}, every path the loader would open lies inside the root (issue 16 item 13):
 * a relative DT_NEEDED with a '/', a relative path in the root's ld.so.cache, links that loop
 * or lead out. Each case names a file that exists relative to this process's current directory
 * (the project: {@code fixtures/deps/lib/libdr_a.so}), which used to be opened instead.
 */
class SysrootContainmentTest {
    /** A real x86-64 library, relative to the current directory of the test run (the project). */
    static final String HOST_RELATIVE = "fixtures/deps/lib/libdr_a.so";

    @TempDir
    Path root;

    private Closure resolve(DynamicElf program) throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.write(root.resolve("bin/app"), program.bytes());
        return new ClosureResolver(Sysroot.at(root), LoaderEnvironment.EMPTY).resolve("/bin/app");
    }

    @Test
    void aRelativeNeededNameWithASlashIsOpenedInsideTheRootNotTheHostsCurrentDirectory() throws Exception {
        assertThat(Path.of(HOST_RELATIVE)).isRegularFile();
        Closure outside = resolve(DynamicElf.program("/lib64/ld-linux-x86-64.so.2").needs(HOST_RELATIVE));
        assertThat(outside.unresolved()).extracting(Closure.Unresolved::name).contains(HOST_RELATIVE);
        assertThat(outside.objects()).allSatisfy(o -> assertThat(o.file().toAbsolutePath()).startsWith(root));
        Files.createDirectories(root.resolve("fixtures/deps/lib"));
        Files.copy(Path.of(HOST_RELATIVE), root.resolve(HOST_RELATIVE));
        Closure inside = resolve(DynamicElf.program("/lib64/ld-linux-x86-64.so.2").needs(HOST_RELATIVE));
        assertThat(inside.libraries()).singleElement().satisfies(o -> assertThat(o.file()).isEqualTo(
                root.resolve(HOST_RELATIVE)));
    }

    @Test
    void aRelativePathInTheRootsLdSoCacheIsOpenedInsideTheRoot() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.write(root.resolve("etc/ld.so.cache"), LdSoCacheTest.newFormat(List.<String[]>of(
                new String[] {"libdr_a.so", HOST_RELATIVE}), ByteOrder.LITTLE_ENDIAN));
        Closure outside = resolve(DynamicElf.program("/lib64/ld-linux-x86-64.so.2").needs("libdr_a.so"));
        assertThat(outside.unresolved()).extracting(Closure.Unresolved::name).contains("libdr_a.so");
        Files.createDirectories(root.resolve("fixtures/deps/lib"));
        Files.copy(Path.of(HOST_RELATIVE), root.resolve(HOST_RELATIVE));
        Closure inside = resolve(DynamicElf.program("/lib64/ld-linux-x86-64.so.2").needs("libdr_a.so"));
        assertThat(inside.libraries()).singleElement().satisfies(o -> assertThat(o.file()).isEqualTo(
                root.resolve(HOST_RELATIVE)));
    }

    /** More than 40 links (Linux's MAXSYMLINKS) is ELOOP inside the root, never the host's reading of the last link. */
    @Test
    void aChainOfMoreThanFortyLinksEndingOnAHostFileIsALoopNotTheHostFile() throws Exception {
        Files.createDirectories(root.resolve("lib"));
        for (int i = 0; i < 41; i++) {
            Files.createSymbolicLink(root.resolve("lib/l" + i), Path.of("l" + (i + 1)));
        }
        Files.createSymbolicLink(root.resolve("lib/l41"), Path.of("/etc/hostname"));
        Sysroot s = Sysroot.at(root);
        assertThatThrownBy(() -> s.file("/lib/l0")).isInstanceOf(Sysroot.SymlinkLoop.class)
                .hasMessageContaining("too many levels of symbolic links");
        assertThat(s.regularFile("/lib/l0")).isEmpty();
        assertThat(s.file("/lib/l2")).isEqualTo(root.resolve("etc/hostname")); // 40 links: resolved, inside
    }

    @Test
    void layoutOfAnAbsolutePathUnderRootFollowsLinksInsideTheRoot() throws Exception {
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createSymbolicLink(root.resolve("usr/lib/libc.so.6"), Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6"));
        CliRun.of("layout", "--root", root.toString(), "/usr/lib/libc.so.6").failsWith("no such file");
    }

    /**
     * {@code explain --root}: a capture's path whose file in the root is an absolute link is
     * followed inside the root, never to the host's file of that name.
     */
    @Test
    void aCapturePathUnderRootFollowsLinksInsideTheRootNotToTheHost() throws Exception {
        Path hostLibc = Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(hostLibc), "this machine's libc");
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createSymbolicLink(root.resolve("usr/lib/libc.so.6"), hostLibc);
        Path capture = Files.writeString(root.getParent().resolve(root.getFileName() + ".maps"),
                "7f0000000000-7f0000028000 r--p 00000000 08:01 1 /usr/lib/libc.so.6\n");
        try {
            ExplainOptions options = ExplainOptions.defaults().withRoot(java.util.Optional.of(root));
            ObjectImage linked = libc(Explainer.explain(new Source.Capture(capture), options));
            assertThat(linked.base()).as("the host's libc is not read").isEmpty();
            Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
            Files.copy(hostLibc, root.resolve("usr/lib/x86_64-linux-gnu/libc.so.6"));
            ObjectImage copied = libc(Explainer.explain(new Source.Capture(capture), options.withFiles(
                    new org.elfmap.explain.FileCache(org.elfmap.space.PageSize.P4K))));
            assertThat(copied.base()).as("the root's libc, where the link points inside it").isPresent();
        } finally {
            Files.delete(capture);
        }
    }

    private static ObjectImage libc(org.elfmap.space.AddressImage image) {
        return image.objects().stream().filter(o -> o.path().equals("/usr/lib/libc.so.6")).findFirst().orElseThrow();
    }

    /** musl keeps its path file's bytes: a directory named {@code \xff\xfe} is searched (issue 16 item 14). */
    @Test
    void aMuslPathFileNamingADirectoryThatIsNotUtf8IsSearched() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.write(root.resolve("etc/ld-musl-x86_64.path"), "/opt/\u00ff\u00fe\n".getBytes(StandardCharsets.ISO_8859_1));
        Path dir = root.resolve("opt").resolve(RawNames.path("" + (char) 0xdcff + (char) 0xdcfe));
        Files.createDirectories(dir);
        Files.write(dir.resolve("libraw.so"), DynamicElf.library("libraw.so").bytes());
        Files.createDirectories(root.resolve("lib"));
        Files.write(root.resolve("lib/ld-musl-x86_64.so.1"), DynamicElf.library("libc.so").bytes());
        Closure c = resolve(DynamicElf.program("/lib/ld-musl-x86_64.so.1").needs("libraw.so"));
        assertThat(c.rules()).isEqualTo("musl");
        assertThat(c.unresolved()).isEmpty();
        assertThat(c.libraries()).singleElement().satisfies(o -> {
            assertThat(o.file()).isEqualTo(dir.resolve("libraw.so"));
            assertThat(RawNames.shown(o.path())).isEqualTo("/opt/\\xff\\xfe/libraw.so");
        });
    }
}
