package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.output.Words;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.HostFiles;
import org.elfmap.testkit.LdSoList;
import org.elfmap.testkit.RealLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closure against the real loader: {@code ldd}'s run of ld.so resolves exactly as a start of the
 * program would, so for every program here our libraries, their paths and their load order must
 * be the ones it prints.
 */
class ClosureResolverTest {
    @TempDir
    Path tmp;

    static Closure resolve(Path program) {
        return resolve(program, LoaderEnvironment.EMPTY);
    }

    static Closure resolve(Path program, LoaderEnvironment env) {
        return new ClosureResolver(Sysroot.host(), env).resolve(program.toString());
    }

    /** {@code name => path} of each library in load order, as {@code ld.so --list} prints them. */
    static List<LdSoList.Line> lines(Closure c) {
        return c.libraries().stream().map(o -> new LdSoList.Line(firstName(c, o), o.path())).toList();
    }

    /** The DT_NEEDED name that brought the object in. */
    static String firstName(Closure c, LoadedObject o) {
        for (LoadedObject by : c.objects()) {
            for (Need n : by.needs()) {
                if (n instanceof Need.Loaded l && l.object() == o.index() && l.firstLoad()) {
                    return n.name();
                }
            }
        }
        throw new AssertionError(o.path() + " was loaded by nobody");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/bin/ssh", "/usr/bin/python3.11", "/usr/bin/ls", "/usr/bin/curl", "/usr/bin/git",
        "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"})
    void machineProgramsResolveLikeLdSo(String program) throws IOException {
        Path p = RealLoader.hostFile(program).toRealPath();
        LdSoList.Result real = LdSoList.list(p, Map.of());
        assertThat(real.exitCode()).as(real.output()).isZero();
        Closure c = resolve(p);
        assertThat(c.unresolved()).isEmpty();
        assertThat(lines(c)).as("libraries in load order").containsExactlyElementsOf(real.lines());
        assertThat(c.interpreter()).get().extracting(LoadedObject::path).isEqualTo("/lib64/ld-linux-x86-64.so.2");
    }

    @Test
    void eachLibraryOnceEvenWhenManyNeedIt() {
        RealLoader.require();
        Closure c = resolve(RealLoader.hostFile("/usr/bin/ssh"));
        assertThat(c.objects()).extracting(LoadedObject::path).doesNotHaveDuplicates();
        // libc.so.6 is needed by nearly everything but loaded once, by the program (breadth first).
        LoadedObject libc = c.libraries().stream().filter(o -> o.name().equals("libc.so.6")).findFirst().orElseThrow();
        assertThat(libc.loadedBy()).hasValue(0);
        assertThat(libc.found().via()).isEqualTo(Via.LD_SO_CACHE);
        // libc's own DT_NEEDED ld-linux-x86-64.so.2 is the interpreter, known by its soname.
        assertThat(libc.needs()).singleElement().isInstanceOfSatisfying(Need.Loaded.class, n -> {
            assertThat(n.firstLoad()).isFalse();
            assertThat(c.objects().get(n.object()).isInterpreter()).isTrue();
        });
    }

    @Test
    void symlinkedProgramTakesOriginFromItsRealPathLikeTheKernelStartedProgram() throws IOException {
        // /usr/bin/java -> /etc/alternatives/java -> .../bin/java, RPATH $ORIGIN:$ORIGIN/../lib.
        // A started program's $ORIGIN comes from /proc/self/exe (the real path), so java finds
        // libjli.so; `ldd /usr/bin/java` takes the name as given and does not.
        RealLoader.require();
        Path java = RealLoader.hostFile("/usr/bin/java");
        Assumptions.assumeTrue(Files.isSymbolicLink(java), "/usr/bin/java is a symlink (Debian's alternatives)");
        Closure c = resolve(java);
        assertThat(c.unresolved()).isEmpty();
        assertThat(c.libraries()).extracting(LoadedObject::path)
                .contains(java.toRealPath().getParent() + "/../lib/libjli.so");
        assertThat(LdSoList.list(Path.of("/usr/bin/java"), Map.of()).lines())
                .contains(new LdSoList.Line("libjli.so", "not found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-runpath", "app-rpath", "app-dst", "app-class", "app-missing", "app-noinherit",
        "app-hwcaps"})
    void fixtureProgramsResolveLikeLdSo(String name) {
        RealLoader.require();
        Path program = Fixtures.copy("deps", tmp.resolve("copy")).resolve("bin").resolve(name);
        LdSoList.Result real = LdSoList.list(program, Map.of());
        Closure c = resolve(program);
        List<LdSoList.Line> expected = real.lines().stream().filter(l -> !l.path().equals("not found")).toList();
        assertThat(lines(c)).containsExactlyElementsOf(expected);
        assertThat(c.unresolved()).extracting(Closure.Unresolved::name).containsExactlyElementsOf(
                real.lines().stream().filter(l -> l.path().equals("not found")).map(LdSoList.Line::name).toList());
    }

    @Test
    void runpathServesOnlyTheObjectsOwnDependencies() {
        Path bin = Fixtures.dir("deps").resolve("bin");
        // The program's RUNPATH finds libdr_x, but libdr_x's own libdr_c is not searched there.
        Closure c = resolve(bin.resolve("app-noinherit"));
        assertThat(c.unresolved()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("libdr_c.so");
            assertThat(u.neededBy()).endsWith("/lib/libdr_x.so");
            assertThat(u.reason()).isEqualTo(new Unloadable.NotFound(Optional.empty()));
            assertThat(Words.unloadable(u.reason())).isEqualTo("cannot open shared object file: No such file or directory");
            assertThat(u.searched()).noneMatch(s -> s.contains("runpath"));
        });
        // ld.so agrees: the program cannot start.
        assertThat(LdSoList.list(bin.resolve("app-noinherit"), Map.of()).lines())
                .contains(new LdSoList.Line("libdr_c.so", "not found"));
    }

    @Test
    void rpathIsInheritedDownTheLoadingChain() {
        Closure c = resolve(Fixtures.dir("deps").resolve("bin/app-rpath"));
        LoadedObject libc = c.libraries().stream().filter(o -> o.name().equals("libdr_c.so")).findFirst().orElseThrow();
        assertThat(libc.found().via()).isEqualTo(Via.RPATH);
        assertThat(libc.found().detail()).endsWith("bin/app-rpath");
        assertThat(c.objects().get(libc.loadedBy().getAsInt()).name()).isEqualTo("libdr_x.so");
    }

    /**
     * {@code ${PLATFORM}} is what this machine's ld.so computes ({@code dl_platform}: x86_64 on
     * AMD, haswell or xeon_phi on Intel), and {@code $LIB} its slibdir; the fixture has a
     * plat/ directory for each platform, and ld.so's own choice among them must be ours.
     */
    @Test
    void originLibAndPlatformTokensAreExpanded() {
        Path root = Fixtures.copy("deps", tmp.resolve("moved"));
        String platform = RealLoader.platform();
        Closure c = resolve(root.resolve("bin/app-dst"));
        assertThat(c.libraries()).extracting(LoadedObject::path).contains(
                root + "/bin/../plat/" + platform + "/libdr_b.so", root + "/bin/../lib/x86_64-linux-gnu/libdr_c.so");
        assertThat(LdSoList.list(root.resolve("bin/app-dst"), Map.of()).lines())
                .contains(new LdSoList.Line("libdr_b.so", root + "/bin/../plat/" + platform + "/libdr_b.so"));
    }

    /**
     * A PIE ({@code DF_1_PIE}) or an ET_EXEC named by DT_NEEDED: glibc finds it, refuses it in the
     * words of {@code elf/dl-load.c} {@code _dl_map_object_from_fd}, and stops; so does the model.
     */
    @ParameterizedTest
    @ValueSource(strings = {"app-pie", "app-exec"})
    void executablesNamedAsLibrariesAreRefusedInGlibcsWords(String name) {
        RealLoader.require();
        Path program = Fixtures.copy("deps", tmp.resolve("pie")).resolve("bin").resolve(name);
        LdSoList.Result real = LdSoList.list(program, Map.of());
        assertThat(real.exitCode()).isEqualTo(127);
        Matcher m = Pattern.compile("error while loading shared libraries: libdr_pie\\.so: (.+)").matcher(real.output());
        assertThat(m.find()).as(real.output()).isTrue();
        Closure c = resolve(program);
        assertThat(c.unresolved()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("libdr_pie.so");
            assertThat(Words.unloadable(u.reason())).as("ld.so's own words").isEqualTo(m.group(1).strip());
        });
        assertThat(c.program().needs().get(0)).isInstanceOfSatisfying(Need.Refused.class,
                r -> assertThat(r.path()).endsWith(name.equals("app-pie") ? "/lib-pie/libdr_pie.so" : "/lib-exec/libdr_pie.so"));
        assertThat(c.libraries()).as("nothing loads after the error").isEmpty();
    }

    /** musl's {@code map_library} checks neither e_type nor DF_1_PIE: the same kind of PIE loads, and the program runs. */
    @Test
    void muslLoadsAPieNamedAsALibrary() throws Exception {
        HostFiles.requireMusl();
        Path program = Fixtures.copy("deps", tmp.resolve("mpie")).resolve("bin/app-musl-pie");
        Process p = new ProcessBuilder(program.toString(), "once").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).startsWith("ready 5");
        Closure c = resolve(program);
        assertThat(c.rules()).isEqualTo("musl");
        assertThat(c.unresolved()).isEmpty();
        assertThat(c.libraries()).extracting(LoadedObject::path).contains(program.getParent() + "/../musl-lib-pie/libdr_pie.so");
    }

    /**
     * A library is resolved as {@code ldd} ({@code ld.so --list LIB}) and dlopen resolve it: its
     * RUNPATH with {@code $ORIGIN} the directory of the path given (a symlink's, not its target's),
     * plus the interpreter of a program of its kind, which ldd does not list. libc.so.6 and
     * pam_cap.so have a PT_INTERP and are libraries all the same (a soname; no execute permission).
     */
    @ParameterizedTest
    @ValueSource(strings = {"lib/libdr_a.so", "lib/libdr_x.so", "lib/libdr_c.so", "link/libdr_a.so",
        "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libcurl.so.4", "/lib/x86_64-linux-gnu/libc.so.6",
        "/usr/lib/x86_64-linux-gnu/security/pam_cap.so"})
    void librariesResolveLikeLdd(String name) throws IOException {
        RealLoader.require();
        Path root = Fixtures.copy("deps", tmp.resolve("libs"));
        Files.createDirectories(root.resolve("link"));
        Files.createSymbolicLink(root.resolve("link/libdr_a.so"), root.resolve("lib/libdr_a.so"));
        Path lib = name.startsWith("/") ? RealLoader.hostFile(name) : root.resolve(name);
        LdSoList.Result real = LdSoList.list(lib, Map.of());
        Closure c = resolve(lib);
        assertThat(c.mode()).isEqualTo(Closure.Mode.LIBRARY);
        assertThat(lines(c).stream().filter(l -> !c.unresolved().stream().anyMatch(u -> u.name().equals(l.name()))).toList())
                .containsExactlyElementsOf(real.lines().stream().filter(l -> !l.path().equals("not found")).toList());
        assertThat(c.unresolved()).extracting(Closure.Unresolved::name).containsExactlyElementsOf(
                real.lines().stream().filter(l -> l.path().equals("not found")).map(LdSoList.Line::name).toList());
        assertThat(c.interpreter()).get().extracting(LoadedObject::path).isEqualTo("/lib64/ld-linux-x86-64.so.2");
        if (real.output().contains("statically linked")) {
            assertThat(c.libraries()).isEmpty();
        }
    }

    @Test
    void wrongClassCandidatesAreSkippedAndSaidSo() {
        Closure c = resolve(Fixtures.dir("deps").resolve("bin/app-class"));
        Need first = c.program().needs().get(0);
        assertThat(first).isInstanceOfSatisfying(Need.Loaded.class, l -> {
            assertThat(l.skipped()).singleElement().satisfies(s -> {
                assertThat(s.path()).endsWith("lib32/libdr_b.so");
                assertThat(s.mismatch()).isEqualTo(new Mismatch.ElfClass(32));
                assertThat(Words.skipped(s)).endsWith("lib32/libdr_b.so: wrong ELF class: ELFCLASS32");
            });
            assertThat(c.objects().get(l.object()).path()).endsWith("/bin/../lib/libdr_b.so");
        });
    }

    @Test
    void libraryPathComesAfterRpathAndBeforeRunpath() {
        Path root = Fixtures.dir("deps");
        LoaderEnvironment env = LoaderEnvironment.parse(List.of("LD_LIBRARY_PATH=" + root.resolve("plat/x86_64")));
        // RUNPATH program: LD_LIBRARY_PATH wins.
        Closure runpath = resolve(root.resolve("bin/app-runpath"), env);
        assertThat(runpath.libraries()).filteredOn(o -> o.name().equals("libdr_b.so")).singleElement()
                .satisfies(o -> assertThat(o.found().via()).isEqualTo(Via.LD_LIBRARY_PATH));
        assertThat(lines(runpath)).containsExactlyElementsOf(
                LdSoList.list(root.resolve("bin/app-runpath"), env.vars()).lines());
    }

    @Test
    void muslProgramUsesMuslRules() {
        HostFiles.requireMusl();
        Path root = Fixtures.copy("deps", tmp.resolve("musl"));
        Closure c = resolve(root.resolve("bin/app-musl"));
        assertThat(c.rules()).isEqualTo("musl");
        assertThat(c.unresolved()).isEmpty();
        // libdm_x has no path of its own: musl, unlike glibc, inherits the program's RUNPATH.
        assertThat(c.libraries()).extracting(LoadedObject::path).containsExactly(
                root + "/bin/../musl-lib/libdm_x.so", root + "/bin/../musl-lib/libdm_c.so");
        LoadedObject dmc = c.libraries().get(1);
        assertThat(dmc.found().via()).isEqualTo(Via.RUNPATH);
        assertThat(dmc.found().detail()).endsWith("bin/app-musl");
        // libc.so is musl's dynamic linker itself: never searched for.
        assertThat(c.program().needs().get(1)).isInstanceOfSatisfying(Need.Loaded.class,
                l -> assertThat(c.objects().get(l.object()).isInterpreter()).isTrue());
    }

    @Test
    void staticProgramHasNothingToLoad() throws IOException {
        Path ldso = RealLoader.require();
        Closure c = resolve(ldso);
        assertThat(c.rules()).isEqualTo("static");
        assertThat(c.objects()).hasSize(1);
        assertThat(c.complete()).isTrue();
    }

    @Test
    void missingInterpreterIsUnresolved() throws IOException {
        Path root = Fixtures.copy("deps", tmp.resolve("noint"));
        Sysroot sysroot = Sysroot.at(root);
        // Inside this sysroot there is no /lib64/ld-linux-x86-64.so.2.
        Closure c = new ClosureResolver(sysroot, LoaderEnvironment.EMPTY).resolve("/bin/app-runpath");
        assertThat(c.unresolved()).extracting(Closure.Unresolved::name).contains("/lib64/ld-linux-x86-64.so.2");
        assertThat(c.unresolved()).extracting(Closure.Unresolved::name).contains("libc.so.6");
    }

    @Test
    void unreadableProgramIsBadInput() throws IOException {
        Path text = Files.writeString(tmp.resolve("script"), "#!/bin/sh\n");
        assertThatThrownBy(() -> resolve(text)).isInstanceOf(BadInputException.class).hasMessageContaining("not an ELF");
        assertThatThrownBy(() -> resolve(tmp.resolve("absent"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
    }
}
