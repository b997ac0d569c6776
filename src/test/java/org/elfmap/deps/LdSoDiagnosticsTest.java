package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.elfmap.elf.Machines;
import org.elfmap.loader.Flavor;
import org.elfmap.testkit.DynamicElf;
import org.elfmap.testkit.RealLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which loader elfmap runs to ask {@code --list-diagnostics}: only this machine's own glibc
 * loader, by its real path, for a glibc program; never a file a program under study names, and
 * never for longer than the timeout.
 */
class LdSoDiagnosticsTest {
    private static final ElfTarget AMD64 = new ElfTarget(64, Machines.EM_X86_64, ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path tmp;

    /** An executable shell script (root-owned when the tests run as root, as the old trust rule wanted). */
    private Path script(String name, String body) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    @Test
    void aProgramWhoseInterpreterIsAnotherFileNeverRunsIt() throws IOException {
        // Named like glibc's loader (Flavor.of says GLIBC), needs libc.so.6, executable and not
        // writable by others: everything the old rule checked. It must still not run.
        Path marker = tmp.resolve("ran");
        Path fake = script("ld-linux-x86-64.so.2", "touch " + marker);
        Path program = tmp.resolve("prog");
        Files.write(program, DynamicElf.program(fake.toString()).needs("libc.so.6").bytes());
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));

        Closure c = new ClosureResolver(Sysroot.host(), LoaderEnvironment.EMPTY).resolve(program.toString());

        assertThat(c.objects()).isNotEmpty();
        assertThat(marker).doesNotExist();
        assertThat(LdSoDiagnostics.ask(AMD64, Flavor.GLIBC, fake, Map.of())).isEmpty();
    }

    @Test
    void aSystemProgramNamedAsTheInterpreterIsNotAsked() {
        Path id = RealLoader.hostFile("/usr/bin/id");
        assertThat(LdSoDiagnostics.ownGlibcLoader(AMD64, id)).isEmpty();
        assertThat(LdSoDiagnostics.ask(AMD64, Flavor.GLIBC, id, Map.of())).isEmpty();
    }

    @Test
    void onlyAGlibcProgramsInterpreterIsAsked() {
        Path ldso = RealLoader.require();
        assertThat(LdSoDiagnostics.ask(AMD64, Flavor.UNKNOWN, ldso, Map.of())).isEmpty();
        assertThat(LdSoDiagnostics.ask(AMD64, Flavor.MUSL, ldso, Map.of())).isEmpty();
    }

    @Test
    void theLoaderIsRunByItsRealPathWhenReachedThroughALink() throws IOException {
        Path ldso = RealLoader.require();
        RealLoader.diagnostics(); // skips before glibc 2.33
        Path link = Files.createSymbolicLink(tmp.resolve("ld.so"), ldso);
        Optional<LdSoDiagnostics> d = LdSoDiagnostics.ask(AMD64, Flavor.GLIBC, link, Map.of());
        assertThat(d).isPresent();
        assertThat(d.get().ldso()).isEqualTo(ldso.toRealPath());
        assertThat(d.get().platform()).hasValue(RealLoader.platform());
    }

    @Test
    void aLoaderThatNeverAnswersIsKilledAtTheTimeout() throws Exception {
        Path pidFile = tmp.resolve("pid");
        Path silent = script("silent", "echo $$ > " + pidFile + "\nexec sleep 600");
        long start = System.nanoTime();

        Optional<LdSoDiagnostics> d = LdSoDiagnostics.run(silent, Map.of(), 500);

        assertThat(d).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        if (child.isPresent()) {
            child.get().onExit().get(5, TimeUnit.SECONDS);
            assertThat(child.get().isAlive()).isFalse();
        }
    }
}
