package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elfmap.testkit.RealLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths inside a sysroot, including Debian's absolute symlinks, stay inside it. */
class SysrootTest {
    @TempDir
    Path root;

    @Test
    void absoluteSymlinksResolveInsideTheRoot() throws IOException {
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        Files.writeString(root.resolve("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"), "inside");
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.createDirectories(root.resolve("lib64"));
        Files.createSymbolicLink(root.resolve("lib64/ld-linux-x86-64.so.2"),
                Path.of("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
        Sysroot s = Sysroot.at(root);
        Path f = s.file("/lib64/ld-linux-x86-64.so.2");
        assertThat(f).startsWith(root);
        assertThat(Files.readString(f)).isEqualTo("inside");
        assertThat(s.realPath("/lib64/ld-linux-x86-64.so.2")).hasValue("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        assertThat(s.regularFile("/lib64/ld-linux-x86-64.so.2")).isPresent();
    }

    @Test
    void dotDotStopsAtTheRoot() throws IOException {
        Files.writeString(root.resolve("etc-file"), "x");
        assertThat(Sysroot.at(root).file("/../../../etc-file")).isEqualTo(root.resolve("etc-file"));
        assertThat(Sysroot.at(root).regularFile("/nonexistent/thing")).isEmpty();
    }

    @Test
    void hostIsTheMachinesOwnFileSystem() throws IOException {
        assertThat(Sysroot.host().file("/etc/ld.so.cache")).isEqualTo(Path.of("/etc/ld.so.cache"));
        Path ldso = RealLoader.require();
        assertThat(Sysroot.host().realPath(ldso.toString())).hasValue(ldso.toRealPath().toString());
    }
}
