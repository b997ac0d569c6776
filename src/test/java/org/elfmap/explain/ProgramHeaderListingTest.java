package org.elfmap.explain;

import org.elfmap.space.AddressImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elfmap.cli.CliRun;
import org.elfmap.compare.Comparer;
import org.elfmap.compare.Comparison;
import org.elfmap.elf.DynamicInfo;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.elf.ProgramHeaderListing;
import org.elfmap.space.Kind;
import org.elfmap.loader.Loaders;
import org.elfmap.testkit.HostFiles;
import org.elfmap.testkit.Readelf;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Test;

/**
 * Program-header listings read back: {@code readelf -lW} and {@code objdump -x} of real files give
 * the headers the file holds, and the 2007 post's own {@code objdump -x} lines, under
 * {@code freebsd-2007}, give its 255-page gap on amd64 and none on i386.
 */
class ProgramHeaderListingTest {
    static final Path LISTINGS = Path.of("src/test/resources/fixtures/listings");
    /** Fixtures, and two files of this machine when it has them. */
    static final List<String> FILES = java.util.stream.Stream.of("/bin/ls", "/usr/lib/x86_64-linux-gnu/libc.so.6",
            "src/test/resources/fixtures/bin/waiter-i386", "src/test/resources/fixtures/arm64/arm64-16k.so",
            "src/test/resources/fixtures/bin/libbig2m-glibc.so").filter(HostFiles::has).toList();

    private static void sameHeaders(ElfFile listed, ElfFile real) {
        assertThat(listed.programHeaders()).hasSameSizeAs(real.programHeaders());
        for (int i = 0; i < real.programHeaders().size(); i++) {
            ProgramHeader a = listed.programHeaders().get(i);
            ProgramHeader b = real.programHeaders().get(i);
            assertThat(List.of(a.offset(), a.vaddr(), a.paddr(), a.filesz(), a.memsz(), (long) a.flags()))
                    .as("%s segment %d", real.name(), i)
                    .isEqualTo(List.of(b.offset(), b.vaddr(), b.paddr(), b.filesz(), b.memsz(), (long) b.flags()));
            if (b.type() == ProgramHeader.PT_LOAD || b.type() == ProgramHeader.PT_GNU_RELRO) {
                assertThat(a.type()).isEqualTo(b.type());
            }
        }
        assertThat(listed.header().elfClass()).isEqualTo(real.header().elfClass());
    }

    @Test
    void readelfListingsGiveTheFilesHeaders() throws Exception {
        assumeTrue(Readelf.installed(), "binutils' readelf is needed");
        for (String f : FILES) {
            ElfFile real = Elf.read(Path.of(f));
            ProgramHeaderListing.Listing l = ProgramHeaderListing.parse(Readelf.listing(Path.of(f)), f);
            sameHeaders(l.elf(), real);
            assertThat(l.elf().header().type()).isEqualTo(real.header().type());
            assertThat(l.elf().interpreter()).isEqualTo(real.interpreter());
            assertThat(Loaders.defaultFor(l.elf()).layout(l.elf(), org.elfmap.space.PageSize.P4K).mappings())
                    .isEqualTo(Loaders.defaultFor(real).layout(real, org.elfmap.space.PageSize.P4K).mappings());
        }
    }

    @Test
    void objdumpListingsGiveTheFilesHeaders() throws Exception {
        assumeTrue(Tools.has("objdump", "--version"), "binutils' objdump is needed");
        for (String f : FILES) {
            if (f.contains("arm64")) {
                continue; // this machine's objdump may not know aarch64: its -x then lists no headers
            }
            ElfFile real = Elf.read(Path.of(f));
            ProgramHeaderListing.Listing l = ProgramHeaderListing.parse(Tools.lines(120, "objdump", "-x", f), f);
            sameHeaders(l.elf(), real);
            assertThat(l.soname()).isEqualTo(real.dynamic().flatMap(DynamicInfo::soname));
        }
    }

    @Test
    void theSeedsObjdumpLinesGiveItsGap() {
        ExplainOptions o = ExplainOptions.defaults().withLoader(java.util.Optional.of(Loaders.named("freebsd-2007")));
        AddressImage amd64 = Explainer.explain(new Source.Capture(LISTINGS.resolve("seed-amd64.objdump")), o);
        AddressImage i386 = Explainer.explain(new Source.Capture(LISTINGS.resolve("seed-i386.objdump")), o);
        assertThat(amd64.format()).isEqualTo("program-headers");
        assertThat(amd64.byKind().get(Kind.GAP).vszBytes()).isEqualTo(255 * 4096L);
        assertThat(amd64.byKind().get(Kind.ZEROED_TAIL).vszBytes()).isEqualTo(4096L);
        assertThat(i386.byKind()).doesNotContainKey(Kind.GAP);
        Comparison c = Comparer.compare(i386, amd64);
        assertThat(c.objects()).hasSize(1);
        assertThat(c.shares().get(0).kind()).isEqualTo(Kind.GAP);
        assertThat(c.elfOnly()).isFalse();
    }

    /**
     * A listing's object is the dynamic linker when its soname (as {@code objdump -x} prints it)
     * names one: listed {@code objdump -x} of the PT_INTERP of fixtures/bin/waiter-glibc (as
     * {@code readelf -lW} prints it) lines up, in {@code compare}, with the linker of that program's
     * prediction, in one row; a listing of libc is no linker.
     */
    @Test
    void aDynamicLinkersListingLinesUpWithTheLinkerOfAPrediction(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        assumeTrue(Tools.has("objdump", "--version") && Readelf.installed(), "binutils' objdump and readelf are needed");
        Path program = Path.of("src/test/resources/fixtures/bin/waiter-glibc");
        String interp = Tools.lines(20, "readelf", "-lW", program.toString()).stream()
                .filter(l -> l.contains("[Requesting program interpreter: "))
                .map(l -> l.substring(l.indexOf(": ") + 2, l.lastIndexOf(']'))).findFirst().orElseThrow();
        assumeTrue(Files.exists(Path.of(interp)), interp + " (glibc's linker) is not on this machine");
        Path listing = tmp.resolve("linker.objdump");
        Files.write(listing, Tools.lines(200, "objdump", "-x", interp));
        String soname = Files.readAllLines(listing).stream().filter(l -> l.trim().startsWith("SONAME"))
                .map(l -> l.trim().split("\\s+")[1]).findFirst().orElseThrow();

        AddressImage listed = Explainer.explain(new Source.Capture(listing));
        assertThat(listed.objects()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo(soname);
            assertThat(o.dynamicLinker()).isTrue();
        });
        org.elfmap.compare.Operand.Options opts = new org.elfmap.compare.Operand.Options(java.util.Optional.empty(),
                org.elfmap.space.PageSize.P4K, java.util.Optional.empty(), org.elfmap.deps.LoaderEnvironment.EMPTY,
                ExplainOptions.defaults());
        Comparison c = Comparer.compare(listed, org.elfmap.compare.Operand.load(program.toString(), opts));
        assertThat(c.objects()).filteredOn(o -> o.aPath().filter(listing.toString()::equals).isPresent())
                .singleElement().satisfies(o -> {
                    assertThat(o.only()).isEmpty();
                    assertThat(o.bPath().orElseThrow()).endsWith(Path.of(interp).getFileName().toString());
                });

        String libc = "/usr/lib/x86_64-linux-gnu/libc.so.6";
        if (HostFiles.has(libc)) {
            Path libcListing = Files.write(tmp.resolve("libc.objdump"), Tools.lines(200, "objdump", "-x", libc));
            assertThat(Explainer.explain(new Source.Capture(libcListing)).objects().get(0).dynamicLinker()).isFalse();
        }
    }

    @Test
    void garbledListingsAreOneLineErrors(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path cut = Files.writeString(tmp.resolve("cut.txt"), "Program Header:\n    LOAD off    0x0 vaddr 0x0 paddr 0x0 align 2**12\n");
        CliRun.of("explain", cut.toString()).failsWith("cut.txt:2", "cut short").oneErrorLine();
        Path wrong = Files.writeString(tmp.resolve("wrong.txt"),
                "Program Header:\n    LOAD off    0x0 vaddr 0x0 paddr 0x0 align 2**12\n    nonsense\n");
        CliRun.of("explain", wrong.toString()).failsWith("wrong.txt:3", "filesz").oneErrorLine();
        Path none = Files.writeString(tmp.resolve("none.txt"), "Program Headers:\n  nothing here\n");
        CliRun.of("explain", none.toString()).failsWith("no program headers found").oneErrorLine();
    }

    /** readelf writes a zero alignment as a bare 0 (Go binaries' GNU_STACK), found comparing all of /usr. */
    @Test
    void aZeroAlignmentWithoutPrefixIsAHeaderToo() {
        List<String> lines = List.of("Program Headers:",
                "  Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align",
                "  LOAD           0x000000 0x0000000000400000 0x0000000000400000 0x001000 0x001000 R E 0x1000",
                "  GNU_STACK      0x000000 0x0000000000000000 0x0000000000000000 0x000000 0x000000 RW  0");
        ElfFile elf = ProgramHeaderListing.parse(lines, "go").elf();
        assertThat(elf.programHeaders()).hasSize(2);
        assertThat(elf.programHeaders().get(1).type()).isEqualTo(ProgramHeader.PT_GNU_STACK);
        assertThat(elf.programHeaders().get(1).align()).isZero();
        assertThat(elf.programHeaders().get(0).flags()).isEqualTo(ProgramHeader.PF_R | ProgramHeader.PF_X);
    }
}
