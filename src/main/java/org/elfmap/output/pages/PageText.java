package org.elfmap.output.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.elfmap.pages.AndroidAbi;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.ProblemKind;
import org.elfmap.pages.ReadFailure;
import org.elfmap.output.Words;

/**
 * The one place check-pages findings become sentences, for every format: what the rule saw (with
 * its values) and what the loaders do about it. Fix advice is {@link FixAdvice}'s.
 */
public final class PageText {
    private PageText() {
    }

    public static String problem(PageProblem p) {
        if (p instanceof PageProblem.LoadAlignment a) {
            return Words.alignBelowPage("segment " + a.loadSegment(), a.align(), a.pageSize())
                    + (a.below().size() > 1 ? ", the smallest of LOAD segments " + join(a.below()) + " below it" : "")
                    + ": Android's ELF policy requires at least the page size, and bionic on a " + a.pageSize().label()
                    + " device refuses to load it (\"program alignment cannot be smaller than system page size\")";
        }
        if (p instanceof PageProblem.RelroStart r) {
            return String.format(
                    "PT_GNU_RELRO (segment %d) starts at 0x%x, neither on a %s page nor where its LOAD (segment %d)"
                            + " starts (0x%x)%s",
                    r.relroSegment(), r.start(), r.pageSize().label(), r.load(), r.loadStart(),
                    r.readOnlyBefore() > 0 ? String.format(": bionic and glibc round the start down and make 0x%x bytes"
                            + " of writable data before it read-only", r.readOnlyBefore()) : "");
        }
        if (p instanceof PageProblem.RelroEnd r) {
            return String.format(
                    "PT_GNU_RELRO (segment %d) ends at 0x%x, neither on a %s page nor where its LOAD (segment %d) ends"
                            + " (0x%x): %s; glibc rounds it down and leaves RELRO's last 0x%x bytes writable",
                    r.relroSegment(), r.end(), r.pageSize().label(), r.load(), r.loadEnd(),
                    r.readOnlyAfter() > 0 ? String.format("bionic rounds the end up and makes 0x%x bytes of writable data"
                            + " after it read-only (a write there crashes)", r.readOnlyAfter())
                            : "bionic rounds the end up (no writable data shares that page)",
                    r.writableTail());
        }
        if (p instanceof PageProblem.EmptyRelro r) {
            return r.load().isPresent()
                    ? String.format("the LOAD (segment %d) holding PT_GNU_RELRO (segment %d) has p_memsz 0: Android's ELF"
                            + " policy refuses it", r.load().getAsInt(), r.relroSegment())
                    : String.format("PT_GNU_RELRO (segment %d) has p_memsz 0: Android's ELF policy refuses an empty RELRO",
                            r.relroSegment());
        }
        if (p instanceof PageProblem.ZipOffset z) {
            return String.format(
                    "stored uncompressed at offset 0x%x of the APK, 0x%x past a %s boundary: Android maps libraries from"
                            + " the APK in place, and on a %s device it cannot map this one",
                    z.dataOffset(), z.pageSize().offsetIn(z.dataOffset()), z.pageSize().label(), z.pageSize().label());
        }
        if (p instanceof PageProblem.Congruence c) {
            return Words.notCongruent("segment " + c.loadSegment(), c.offset(), c.vaddr(), c.pageSize())
                    + ": no mmap can place it; glibc refuses the file (\"ELF load command address/offset not"
                    + " page-aligned\")";
        }
        if (p instanceof PageProblem.PastEndOfFile e) {
            return String.format("PT_LOAD (segment %d) file part [0x%x, 0x%x) runs 0x%x bytes past the end of the file:"
                    + " the file is cut short (bionic refuses it: \"past end of file\"; glibc and musl map it)",
                    e.loadSegment(), e.offset(), e.end(), e.past());
        }
        if (p instanceof PageProblem.Malformed m) {
            return m.reason();
        }
        if (p instanceof PageProblem.Unreadable u) {
            return readFailure(u.failure());
        }
        throw new IllegalArgumentException("no sentence for " + p);
    }

    /** Why an archive could not be read; its reasons are Android's where it has them. */
    public static String readFailure(ReadFailure f) {
        return "not a readable zip archive: " + archiveFailure(f);
    }

    private static String archiveFailure(ReadFailure f) {
        if (f instanceof ReadFailure.ZipUnreadable z) {
            return z.readerMessage();
        }
        if (f instanceof ReadFailure.ShorterThanEndRecord s) {
            return "shorter than a zip end record (" + s.size() + " bytes)";
        }
        if (f instanceof ReadFailure.ShrankWhileRead) {
            return "the archive shrank while being read";
        }
        if (f instanceof ReadFailure.NoEndRecord n) {
            return "no end of central directory record in its last " + n.searched() + " bytes: not a zip archive";
        }
        if (f instanceof ReadFailure.ExtraneousBytes x) {
            return String.format("%d extraneous bytes at the end of the central directory (its end record at 0x%x says"
                    + " a %d-byte comment follows; Android refuses such an archive)", x.extra(), x.endRecord(), x.comment());
        }
        if (f instanceof ReadFailure.CentralDirectoryPastEnd c) {
            return String.format("bad offsets: the central directory at 0x%x (%d bytes) runs past its end record at"
                    + " 0x%x", c.start(), c.size(), c.endRecord());
        }
        if (f instanceof ReadFailure.MoreEntriesThanFit m) {
            return String.format("the end record counts %d entries, more than its %d-byte central directory can hold"
                    + " (46 bytes each at least; Android refuses it: ran off the end)", m.entries(), m.size());
        }
        if (f instanceof ReadFailure.NoZip64Record z) {
            return String.format("the ZIP64 locator points at 0x%x, where no ZIP64 end record is", z.at());
        }
        if (f instanceof ReadFailure.NothingListed n) {
            return String.format("the central directory lists no entries, yet %d bytes precede its end record (fake"
                    + " end records, or an archive cut short)", n.before());
        }
        if (f instanceof ReadFailure.EmptyPackage) {
            return "an empty archive: no entries (Android refuses it: kEmptyArchive)";
        }
        if (f instanceof ReadFailure.EntriesOverlap o) {
            return String.format("entries '%s' and '%s' overlap (at 0x%x): a zip bomb's trick, refused", o.first(),
                    o.second(), o.at());
        }
        throw new IllegalArgumentException("no sentence for " + f);
    }

    private static final String THIRTY_TWO_BIT_ELF = "a 32-bit ELF file";

    /** Why a file's problems do not fail the run: "32-bit ABI armeabi-v7a", "a 32-bit ELF file". */
    public static String notBinding(FileVerdict v) {
        return v.abi().filter(AndroidAbi::is32Bit).map(PageText::thirtyTwoBitAbi).orElse(THIRTY_TWO_BIT_ELF);
    }

    private static String thirtyTwoBitAbi(String abi) {
        return "32-bit ABI " + abi;
    }

    public static String note(PageNote n) {
        if (n instanceof PageNote.Compressed c) {
            return "compressed (method " + c.method() + "): the installer extracts it, so its"
                    + " place in the archive does not matter";
        }
        if (n instanceof PageNote.RepackagedLater r) {
            return String.format("stored at offset 0x%x of the %s, off the %s page: %s places"
                            + " it again when it builds the APK", r.dataOffset(), r.archive().label(), r.pageSize().label(),
                    r.archive() == org.elfmap.pages.ArchiveKind.BUNDLE ? "bundletool" : "the Android Gradle plugin");
        }
        if (n instanceof PageNote.ThirtyTwoBitAbi a) {
            return thirtyTwoBitAbi(a.abi()) + ": Android's 16 KiB rule does not bind it (use --all-abis)";
        }
        if (n instanceof PageNote.ThirtyTwoBitElf e) {
            return THIRTY_TWO_BIT_ELF + ": Android's ELF policy skips 32-bit files (use --all-abis)";
        }
        if (n instanceof PageNote.NoLoads x) {
            return "no PT_LOAD segments: nothing is mapped";
        }
        if (n instanceof PageNote.RelroOutsideLoads r) {
            return "PT_GNU_RELRO (segment " + r.relroSegment() + ") lies in no single"
                    + " LOAD: Android's ELF policy passes it with a warning (\"likely obfuscated\")";
        }
        if (n instanceof PageNote.RelroWholeWithoutSections r) {
            return "PT_GNU_RELRO (segment " + r.relroSegment() + ") passes as"
                    + " \"the whole LOAD\" only because the file has no section headers to compare";
        }
        if (n instanceof PageNote.SectionHeadersUnreadable s) {
            return "section headers unreadable (" + s.reason() + "): the RELRO"
                    + " checks went on without them";
        }
        if (n instanceof PageNote.RelroRounding r) {
            return String.format("every rule passes PT_GNU_RELRO (segment %d), but bionic"
                            + " rounds it out to %s pages and makes 0x%x bytes of writable data %s read-only: a write"
                            + " there crashes on a %s device", r.relroSegment(), r.pageSize().label(), r.before() + r.after(),
                    r.before() > 0 && r.after() > 0 ? "around it" : r.before() > 0 ? "before it" : "after it",
                    r.pageSize().label());
        }
        if (n instanceof PageNote.AlignNotPowerOfTwo a) {
            return Words.alignNotPowerOfTwo("segment " + a.loadSegment(), a.align())
                    + (a.count() > 2 ? ", and " + (a.count() - 1) + " more LOAD segments' too"
                            : a.count() == 2 ? ", and one more LOAD segment's too" : "")
                    + ": bionic warns and ignores it, glibc refuses the file";
        }
        if (n instanceof PageNote.CompatLoaded c) {
            return Words.compatLoad(c.load());
        }
        if (n instanceof PageNote.StudioDiffers s) {
            return s.studio().isEmpty()
                    ? "Android Studio (APK Analyzer, lint) reports no problem here; the platform's ELF policy, which this"
                            + " verdict follows, does"
                    : "Android Studio (APK Analyzer, lint) reports " + kinds(s.studio()) + " here; the platform's ELF"
                            + " policy, which this verdict follows, " + "reports otherwise";
        }
        throw new IllegalArgumentException("no sentence for " + n);
    }

    private static String join(List<Integer> segments) {
        return segments.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String kinds(List<ProblemKind> kinds) {
        return kinds.stream().map(ProblemKind::label).collect(Collectors.joining(", "));
    }
}
