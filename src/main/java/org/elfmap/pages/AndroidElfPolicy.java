package org.elfmap.pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.elf.SectionHeader;
import org.elfmap.space.PageSize;

/**
 * Android's ELF checks at page size {@code P}, exactly as the platform makes them: AOSP
 * {@code elfpolicy/elf_policy.cpp} ({@code VerifyLoadSegmentsAlignment}, {@code VerifyRelroSegments}),
 * which PackageManager applies since Android 16 and which Android Studio's {@code pagealign}
 * follows ("Match aac"). Plus {@code congruence}, which Android does not check but no loader can
 * map around. Where the answer of a real loader or of Android Studio differs from the policy's,
 * a {@link PageNote} says so; the verdict stays the policy's.
 *
 * <p>The rules are applied to 32-bit files too, for the report; whether they bind is the
 * caller's decision (elfpolicy skips 32-bit files).
 */
public final class AndroidElfPolicy {
    private AndroidElfPolicy() {
    }

    /** The section headers, read only when a RELRO needs them (most files never do). */
    @FunctionalInterface
    public interface Sections {
        List<SectionHeader> read() throws IOException;
    }

    public record Findings(List<PageProblem> problems, List<PageNote> notes) {
        public Findings {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }
    }

    public static Findings check(ElfFile elf, PageSize page, Sections sections) {
        List<PageProblem> problems = new ArrayList<>();
        List<PageNote> notes = new ArrayList<>();
        List<ProgramHeader> loads = elf.loads();
        if (loads.isEmpty()) {
            notes.add(new PageNote.NoLoads());
        }
        Optional<PageProblem> align = loadAlignment(loads, page);
        align.ifPresent(problems::add);
        List<ProgramHeader> odd = loads.stream().filter(ph -> !ph.alignIsPowerOfTwo()).toList();
        if (!odd.isEmpty()) {
            notes.add(new PageNote.AlignNotPowerOfTwo(odd.get(0).index(), odd.get(0).align(), odd.size()));
        }
        for (ProgramHeader ph : loads) {
            long past = elf.bytesPastEnd(ph);
            if (past > 0) {
                problems.add(new PageProblem.PastEndOfFile(ph.index(), ph.offset(), ph.offset() + ph.filesz(), past));
            }
            // a LOAD aligned below P is incongruent as a matter of course: that is the align problem
            if (ph.align() >= page.bytes() && page.offsetIn(ph.offset()) != page.offsetIn(ph.vaddr())) {
                problems.add(new PageProblem.Congruence(ph.index(), ph.offset(), ph.vaddr(), page));
            }
        }
        CachedSections shdrs = new CachedSections(sections, notes);
        for (ProgramHeader relro : elf.programHeaders()) {
            if (relro.type() == ProgramHeader.PT_GNU_RELRO) {
                relro(relro, loads, page, shdrs, problems, notes, align.isEmpty());
            }
        }
        if (page.bytes() == StudioPageAlign.PAGE.bytes() && elf.header().is64()) {
            // Android Studio checks 16 KiB only, and 64-bit files only (as the policy binds only those);
            // its kinds against the policy's (congruence is neither's)
            Set<ProblemKind> studio = StudioPageAlign.kinds(elf, shdrs::sections);
            Set<ProblemKind> ours = problems.stream().map(PageProblem::kind).filter(k -> k != ProblemKind.CONGRUENCE)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProblemKind.class)));
            if (!studio.equals(ours)) {
                notes.add(new PageNote.StudioDiffers(List.copyOf(studio)));
            }
        }
        return new Findings(problems, notes);
    }

    /**
     * {@code VerifyLoadSegmentsAlignment}: the smallest {@code p_align} of all LOADs (elfutils
     * {@code getMinLoadSegmentAlignment}, an {@code int64_t}) must be at least P. Any value at or
     * above P passes, a power of two or not; 0 and 1 fail.
     */
    static Optional<PageProblem> loadAlignment(List<ProgramHeader> loads, PageSize page) {
        // own lambdas, not Comparator.comparingLong/comparing: the JDK's are spun on first use (~5 ms), ours are in the AOT cache
        Optional<ProgramHeader> min = loads.stream().min((a, b) -> Long.compare(a.align(), b.align()));
        if (min.isEmpty() || min.get().align() >= page.bytes()) {
            return Optional.empty();
        }
        List<Integer> below = loads.stream().filter(p -> p.align() < page.bytes()).map(ProgramHeader::index).toList();
        return Optional.of(new PageProblem.LoadAlignment(min.get().index(), min.get().align(), page, below));
    }

    /**
     * {@code VerifyRelroSegment}, every check in its order; reports the start and the end both when
     * both fail. {@code loadable}: no align problem; only then does bionic's rounding of a passing
     * RELRO get a note.
     */
    private static void relro(ProgramHeader relro, List<ProgramHeader> loads, PageSize page, CachedSections shdrs,
                              List<PageProblem> problems, List<PageNote> notes, boolean loadable) {
        if (relro.memsz() == 0) {
            problems.add(new PageProblem.EmptyRelro(relro.index(), OptionalInt.empty()));
            return;
        }
        Optional<ProgramHeader> container = RelroContainer.of(relro, loads);
        if (container.isEmpty()) {
            notes.add(new PageNote.RelroOutsideLoads(relro.index()));
            return;
        }
        ProgramHeader load = container.get();
        if (load.memsz() == 0) {
            problems.add(new PageProblem.EmptyRelro(relro.index(), OptionalInt.of(load.index())));
            return;
        }
        long start = relro.vaddr();
        long end = relro.memEndVaddr();
        boolean startValid = page.aligned(start) || start == load.vaddr();
        boolean endValid = page.aligned(end) || end == load.memEndVaddr();
        if (startValid && endValid) {
            RelroRounding.note(relro, loads, page).filter(n -> loadable).ifPresent(notes::add);
            return;
        }
        // RelroIsEntireLoadSegment is asked first in elfpolicy; asking it only when an end is off
        // the page gives the same answer without reading the section headers of most files
        List<SectionHeader> sections = shdrs.sections();
        if (RelroContainer.sameSections(relro, load, sections)) {
            if (sections.isEmpty()) {
                notes.add(new PageNote.RelroWholeWithoutSections(relro.index()));
            }
            RelroRounding.note(relro, loads, page).filter(n -> loadable).ifPresent(notes::add);
            return;
        }
        if (!startValid) {
            problems.add(new PageProblem.RelroStart(relro.index(), start, load.index(), load.vaddr(), page,
                    RelroRounding.readOnlyBefore(relro, loads, page)));
        }
        if (!endValid) {
            problems.add(new PageProblem.RelroEnd(relro.index(), end, load.index(), load.memEndVaddr(), page,
                    RelroRounding.readOnlyAfter(relro, loads, page), RelroRounding.writableTail(relro, page)));
        }
    }

    /** Reads the section headers at most once; an unreadable table is a note and no sections. */
    private static final class CachedSections {
        private final Sections source;
        private final List<PageNote> notes;
        private List<SectionHeader> sections;

        CachedSections(Sections source, List<PageNote> notes) {
            this.source = source;
            this.notes = notes;
        }

        List<SectionHeader> sections() {
            if (sections == null) {
                try {
                    sections = source.read();
                } catch (IOException | RuntimeException e) {
                    notes.add(new PageNote.SectionHeadersUnreadable(String.valueOf(e.getMessage())));
                    sections = List.of();
                }
            }
            return sections;
        }
    }
}
