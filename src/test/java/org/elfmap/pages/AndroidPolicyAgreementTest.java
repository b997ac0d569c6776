package org.elfmap.pages;

import org.elfmap.testkit.Checkers;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.elfmap.space.PageSize;
import org.junit.jupiter.api.Test;

/**
 * Every ELF fixture, loose or inside an APK, AAB or AAR, at 4, 16 and 64 KiB pages: elfmap's
 * verdict is the one {@link AndroidOracle} transcribes from the platform's ELF policy
 * ({@code elf_policy.cpp}), and where Android Studio's {@code PageAlignUtils.kt} answers otherwise,
 * elfmap says so in a note. Zip alignment is checked against Studio's own zip walk.
 */
class AndroidPolicyAgreementTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final Set<ProblemKind> POLICY = EnumSet.of(ProblemKind.ALIGN, ProblemKind.RELRO_START, ProblemKind.RELRO_END);

    /** An ELF image to judge: where it is (a file, or an archive and entry) and its bytes. */
    record Sample(Path file, Optional<String> entry, byte[] bytes) {
        String name() {
            return file + entry.map(e -> "!/" + e).orElse("");
        }
    }

    static List<Sample> samples() throws IOException {
        List<Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] b = Files.readAllBytes(f);
                if (b.length > 52 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
                    out.add(new Sample(f, Optional.empty(), b));
                } else if (b.length > 4 && b[0] == 'P' && b[1] == 'K' && isAndroidArchive(f)) {
                    entries(f, out);
                }
            }
        }
        return out;
    }

    private static boolean isAndroidArchive(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".apk") || n.endsWith(".aab") || n.endsWith(".aar");
    }

    private static void entries(Path archive, List<Sample> out) throws IOException {
        try (ZipArchiveInputStream z = new ZipArchiveInputStream(Files.newInputStream(archive))) {
            for (ZipArchiveEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                byte[] b = z.readAllBytes();
                if (b.length > 64 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
                    out.add(new Sample(archive, Optional.of(e.getName()), b));
                }
            }
        } catch (IOException e) {
            // corrupt.apk and the truncated entry: elfmap's malformed verdicts, tested elsewhere
        }
    }

    /** elfmap's verdicts for every sample at page size {@code p}, by sample name. */
    static Map<String, FileVerdict> elfmap(List<Sample> samples, PageSize p) throws IOException {
        Map<String, FileVerdict> out = new LinkedHashMap<>();
        PageChecker c = Checkers.checker(new CheckOptions(p, false, List.of(), Optional.empty()), v -> out.put(v.path(), v));
        Set<Path> done = new HashSet<>();
        for (Sample s : samples) {
            if (done.add(s.file())) {
                c.check(s.file());
            }
        }
        return out;
    }

    @Test
    void everyFixtureGetsTheElfPolicysVerdictAtEveryPageSize() throws IOException {
        List<Sample> samples = samples();
        assertThat(samples).hasSizeGreaterThan(60);
        int failing = 0;
        int passing = 0;
        for (PageSize p : List.of(PageSize.P4K, PageSize.P16K, PageSize.P64K)) {
            Map<String, FileVerdict> verdicts = elfmap(samples, p);
            for (Sample s : samples) {
                FileVerdict v = verdicts.get(s.name());
                assertThat(v).as(s.name()).isNotNull();
                if (malformed(v)) {
                    continue; // a truncated file: elfpolicy's parser gives up too, tested in CheckPagesTest
                }
                AndroidOracle.ElfPolicy oracle = AndroidOracle.elfpolicy(s.bytes(), p.bytes());
                Set<ProblemKind> kinds = kinds(v);
                String what = s.name() + " at " + p.label() + ": elfmap " + kinds + ", elfpolicy " + oracle;
                if (v.binding()) {
                    assertThat(kinds.contains(ProblemKind.ALIGN)).as(what).isEqualTo(!oracle.loadSegmentsAligned());
                    assertThat(kinds.contains(ProblemKind.RELRO_START) || kinds.contains(ProblemKind.RELRO_END))
                            .as(what).isEqualTo(!oracle.relroValid());
                } else {
                    // elfpolicy passes what it skips (32-bit files); elfmap reports it without failing
                    assertThat(v.fails()).as(what).isFalse();
                }
                if (oracle.passes()) {
                    passing++;
                } else {
                    failing++;
                }
            }
        }
        assertThat(failing).isPositive();
        assertThat(passing).isPositive();
    }

    @Test
    void whereAndroidStudioAnswersOtherwiseTheVerdictSaysSo() throws IOException {
        List<Sample> samples = samples();
        Map<String, FileVerdict> verdicts = elfmap(samples, PageSize.P16K);
        int differing = 0;
        for (Sample s : samples) {
            FileVerdict v = verdicts.get(s.name());
            if (malformed(v)) {
                continue;
            }
            Set<ProblemKind> studio = EnumSet.noneOf(ProblemKind.class);
            for (String problem : AndroidOracle.pagealign(s.bytes())) {
                studio.add(switch (problem) {
                    case "LoadSectionNotAligned" -> ProblemKind.ALIGN;
                    case "RelroStartNotAligned" -> ProblemKind.RELRO_START;
                    default -> ProblemKind.RELRO_END;
                });
            }
            Optional<PageNote.StudioDiffers> note = v.notes().stream().filter(PageNote.StudioDiffers.class::isInstance)
                    .map(PageNote.StudioDiffers.class::cast).findFirst();
            if (s.bytes()[4] != 2 || studio.equals(kinds(v))) {
                // 32-bit: neither Studio nor the policy judges it, so there is nothing to compare
                assertThat(note).as(s.name() + " " + studio).isEmpty();
            } else {
                differing++;
                assertThat(note).as(s.name() + ": studio " + studio + ", elfmap " + kinds(v)).isPresent();
                assertThat(EnumSet.copyOf(withNone(note.get().studio()))).as(s.name()).isEqualTo(withNone(studio));
            }
        }
        // the crafted cases where they part: p_align 0 and 0x6000, a RELRO reaching into the next LOAD
        assertThat(differing).isGreaterThanOrEqualTo(3);
    }

    /**
     * Android Studio's zip walk ({@code findElfFile16kAlignmentInfo}: a stored ELF entry whose data
     * does not start on 16 KiB) against elfmap's {@code zip-offset}: the same entries in APKs; in
     * AABs and AARs, which bundletool and AGP repackage, a note instead.
     */
    @Test
    void zipAlignmentAgreesWithAndroidStudiosZipWalk() throws IOException {
        List<Sample> samples = samples();
        Map<String, FileVerdict> verdicts = elfmap(samples, PageSize.P16K);
        Set<Path> archives = new HashSet<>();
        samples.stream().filter(s -> s.entry().isPresent()).forEach(s -> archives.add(s.file()));
        int unaligned = 0;
        for (Path archive : archives) {
            Set<String> studio = studioUnalignedEntries(archive);
            unaligned += studio.size();
            boolean apk = archive.toString().endsWith(".apk");
            for (Sample s : samples.stream().filter(x -> x.file().equals(archive)).toList()) {
                FileVerdict v = verdicts.get(s.name());
                boolean flagged = studio.contains(s.entry().get());
                assertThat(v.problems().stream().anyMatch(x -> x.kind() == ProblemKind.ZIP_OFFSET)).as(s.name())
                        .isEqualTo(apk && flagged);
                assertThat(v.notes().stream().anyMatch(PageNote.RepackagedLater.class::isInstance)).as(s.name())
                        .isEqualTo(!apk && flagged);
            }
        }
        assertThat(unaligned).isPositive();
    }

    /** {@code findElfFile16kAlignmentInfo}: a STORED entry with ELF magic whose data starts off a 16 KiB boundary. */
    private static Set<String> studioUnalignedEntries(Path archive) throws IOException {
        Set<String> out = new HashSet<>();
        try (InputStream in = Files.newInputStream(archive); ZipArchiveInputStream z = new ZipArchiveInputStream(in)) {
            for (ZipArchiveEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                boolean aligned = z.getBytesRead() % 16384 == 0;
                byte[] magic = z.readNBytes(4);
                boolean elf = magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
                if (elf && e.getMethod() == ZipArchiveEntry.STORED && !aligned) {
                    out.add(e.getName());
                }
            }
        }
        return out;
    }

    private static boolean malformed(FileVerdict v) {
        return v.problems().stream().anyMatch(p -> p.kind() == ProblemKind.MALFORMED);
    }

    private static Set<ProblemKind> kinds(FileVerdict v) {
        Set<ProblemKind> k = EnumSet.noneOf(ProblemKind.class);
        v.problems().stream().map(PageProblem::kind).filter(POLICY::contains).forEach(k::add);
        return k;
    }

    private static Set<ProblemKind> withNone(java.util.Collection<ProblemKind> kinds) {
        Set<ProblemKind> k = EnumSet.noneOf(ProblemKind.class);
        k.addAll(kinds);
        return k;
    }
}
