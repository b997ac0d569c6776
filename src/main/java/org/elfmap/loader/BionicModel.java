package org.elfmap.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.Refusal;
import org.elfmap.space.RegionNote;

/**
 * Android's linker, {@code ElfReader} in {@code linker/linker_phdr.cpp}, release by release
 * ({@link BionicRelease}) and with what it reads besides the file ({@link BionicOptions}).
 *
 * <p>{@code Read}: {@code CheckProgramHeaderAlignment} takes the smallest PT_LOAD {@code p_align}
 * and skips 0, 1 and non-powers of two (warning about the last from Android 16);
 * {@code ReadPadSegmentNote} reads the padding note where page-size migration is on.
 * {@code ReserveAddressSpace} takes the span {@code [page_start(min p_vaddr), page_end(max end))}
 * as one private anonymous {@code PROT_NONE} mapping (no loadable segment: "has no loadable
 * segments"); on 64-bit it may keep a random gap beside it ({@link LayoutNote.AslrGap}).
 * {@code LoadSegments} refuses, from 15 QPR1, a smallest alignment below a page of 16 KiB or more
 * (unless the 16 KiB app-compat mode takes the file: {@link BionicCompat}); then for each PT_LOAD
 * in table order refuses a file part past the end of the file and a W+E segment with file pages
 * (target SDK 26 and up), maps {@code page_start(p_offset)} at {@code page_start(p_vaddr)} for
 * {@code p_offset + p_filesz - page_start(p_offset)} bytes ({@code MapSegment}, congruence never
 * checked), and maps the bss anonymously, named {@code .bss} ({@code MapBssSection}); zeroing a
 * writable segment's last page ({@code ZeroFillSegment}) creates no mapping. Gaps stay the
 * reservation's. From Android 15 a segment may be padded over the gap to the next
 * ({@code _extend_load_segment_vma}). After relocation every PT_GNU_RELRO is made read-only from
 * {@code page_start(p_vaddr)} to {@code page_end(p_vaddr + p_memsz)}, "over-protective"
 * ({@code _phdr_table_set_gnu_relro_prot}), to the padded end when it covers its whole PT_LOAD
 * ({@code _extend_gnu_relro_prot_end}).
 *
 * <p>Not modelled: {@code PROT_BTI} and MTE globals (protection bits {@code maps} does not show),
 * text relocations, a reservation passed in by {@code android_dlopen_ext}, and Android 14 QPR3
 * reading (and refusing a malformed) padding note it no longer acts on.
 */
public final class BionicModel implements LoaderModel {
    private final BionicOptions options;

    public BionicModel() {
        this(BionicOptions.defaults());
    }

    public BionicModel(BionicOptions options) {
        this.options = options;
    }

    public BionicOptions options() {
        return options;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public String summary() {
        return "Android's linker (linker_phdr.cpp, " + options.release().label()
                + "; PROT_NONE anonymous gaps, optional padding; bionic@VERSION+compat/+sdk=N/+no-pgsize-migration)";
    }

    @Override
    public Layout layout(ElfFile elf, PageSize page) {
        List<LayoutNote> notes = new ArrayList<>();
        BionicRelease release = options.release();
        boolean lp64 = elf.header().is64();
        AddressSpace vm = new AddressSpace();
        Refusals refusals = new Refusals();
        // ElfReader::Read
        long minAlign = BionicRules.minAlign(elf, page);
        BionicRules.alignWarning(elf, release).ifPresent(notes::add);
        boolean pad = padding(elf, page, lp64, notes, refusals);
        boolean compat = release.hasCompatMode() && options.compat() && BionicRules.compatCandidate(elf, page);
        // ReserveAddressSpace: phdr_table_get_load_size
        PageRange span = ModelSupport.span(LoadSegment.of(elf, page), page);
        long lo = span.start();
        long hi = span.end();
        if (hi <= lo) {
            refusals.add(Refusal.of(Refusal.Reason.NO_LOADABLE_SEGMENTS)
                    .saying("\"" + elf.name() + "\" has no loadable segments"));
            return finish(elf, page, vm, refusals, notes);
        }
        // LoadSegments
        if (release.refusesSmallAlignment() && !compat) {
            BionicRules.alignmentRefusal(elf, page, minAlign).ifPresent(refusals::add);
        } else if (!release.refusesSmallAlignment() && page.bytes() >= 16384 && minAlign < page.bytes()) {
            notes.add(new LayoutNote.AlignUnchecked(minAlign));
        }
        long reservation = hi - lo;
        if (compat) {
            reservation += page.bytes();
            compat(elf, page, vm, lo, hi, pad, refusals, notes);
        } else {
            vm.reserve(lo, hi, Backing.ANON, RegionNote.Holder.ANON_PROT_NONE);
            map(elf, page, vm, pad, lp64, refusals, notes);
        }
        if (lp64) {
            aslrGap(reservation).ifPresent(notes::add);
        }
        return finish(elf, page, vm, refusals, notes);
    }

    /** {@code ReadPadSegmentNote} and the conditions around it: whether segments are padded. */
    private boolean padding(ElfFile elf, PageSize page, boolean lp64, List<LayoutNote> notes, Refusals refusals) {
        BionicRules.PadNote note = BionicRules.padNote(elf);
        if (note instanceof BionicRules.PadNote.Absent) {
            return false;
        }
        if (!options.release().pads()) {
            notes.add(new LayoutNote.PaddingNotApplied(LayoutNote.PaddingBlock.RELEASE, OptionalInt.empty()));
            return false;
        }
        if (!options.migration(page, lp64)) {
            notes.add(new LayoutNote.PaddingNotApplied(LayoutNote.PaddingBlock.NO_PGSIZE_MIGRATION, OptionalInt.empty()));
            return false;
        }
        if (note instanceof BionicRules.PadNote.Malformed m) {
            refusals.add(m.refusal());
            return false;
        }
        if (!((BionicRules.PadNote.Value) note).pad()) {
            notes.add(new LayoutNote.PaddingNotApplied(LayoutNote.PaddingBlock.NOTE_SAYS_NO, OptionalInt.empty()));
            return false;
        }
        return true;
    }

    /** The conventional load: each PT_LOAD mapped from the file over the reservation. */
    private void map(ElfFile elf, PageSize page, AddressSpace vm, boolean pad, boolean lp64, Refusals refusals,
                     List<LayoutNote> notes) {
        List<ProgramHeader> table = elf.programHeaders();
        List<Pad> pads = new ArrayList<>();
        for (ProgramHeader p : elf.loads()) {
            BionicRules.Extension extension = pad ? BionicRules.extension(table, p, page) : BionicRules.Extension.NONE;
            long extend = extension.bytes();
            if (extension.alignAbove64K()) {
                notes.add(new LayoutNote.PaddingNotApplied(LayoutNote.PaddingBlock.ALIGN_ABOVE_64K,
                        OptionalInt.of(p.index())));
            }
            long filesz = p.filesz() + extend;
            long memsz = p.memsz() + extend;
            long filePageStart = page.down(p.offset());
            long fileLength = p.offset() + filesz - filePageStart;
            BionicRules.segmentRefusal(elf, p, fileLength, options, notes).ifPresent(refusals::add);
            Prot prot = Prot.ofElfFlags(p.flags());
            Kind kind = Kind.ofSegment(prot);
            long start = page.down(p.vaddr());
            if (fileLength != 0) {
                vm.mapFile(start, start + page.up(fileLength), prot, filePageStart, kind, p.index());
            }
            long segFileEnd = page.up(p.vaddr() + filesz);
            long segPageEnd = page.up(p.vaddr() + memsz);
            if (segPageEnd > segFileEnd) {
                vm.mapAnon(segFileEnd, segPageEnd, prot, Kind.BSS, p.index(), new RegionNote.AnonName(".bss"));
            }
            if (extend > 0) {
                notes.add(new LayoutNote.Padded(p.index(), p.index() + 1));
                // DropPaddingPages: [page_end(unextended file end), page_end(extended file end))
                pads.add(new Pad(page.up(p.vaddr() + p.filesz()), segFileEnd, p.index()));
            }
        }
        protectRelro(elf, page, vm, pad);
        boolean listedApart = lp64 && mappedFileName(elf.name()).endsWith(".so");
        for (Pad r : pads) {
            if (listedApart) {
                vm.mapAnon(r.start(), r.end(), Prot.NONE, Kind.GAP, r.segment(),
                        new RegionNote.PaddingListedApart(OptionalInt.of(r.segment())));
            } else {
                vm.relabel(r.start(), r.end(), m -> m.with(Kind.GAP, new RegionNote.Padding(r.segment())));
            }
        }
    }

    /** {@code DropPaddingPages}' range of PT_LOAD {@code segment}: the pages its extension added. */
    private record Pad(long start, long end, int segment) {
    }

    /**
     * {@code _phdr_table_set_gnu_relro_prot}: every PT_GNU_RELRO, {@code [page_start(p_vaddr),
     * page_end(p_vaddr + p_memsz))} made read-only; with padding, extended to the padded end of
     * the PT_LOAD that starts where it starts, when it is at least as large as that PT_LOAD
     * ({@code _extend_gnu_relro_prot_end}). The same rule, without padding, for an Android program
     * the kernel mapped: the linker's {@code soinfo::protect_relro} for a dynamic one and for itself
     * ({@code linker_main.cpp}), {@code apply_gnu_relro} in {@code libc_init_static.cpp} for a
     * static one.
     */
    static void protectRelro(ElfFile elf, PageSize page, AddressSpace vm, boolean pad) {
        for (ProgramHeader r : elf.programHeaders()) {
            if (r.type() != ProgramHeader.PT_GNU_RELRO) {
                continue;
            }
            long start = page.down(r.vaddr());
            long end = page.up(r.vaddr() + r.memsz());
            if (pad) {
                for (ProgramHeader p : elf.loads()) {
                    if (p.vaddr() == r.vaddr()) {
                        if (Long.compareUnsigned(r.memsz(), p.memsz()) >= 0) {
                            end = page.up(p.vaddr() + p.memsz()
                                    + BionicRules.extension(elf.programHeaders(), p, page).bytes());
                        }
                        break;
                    }
                }
            }
            ModelSupport.protectRelroRange(vm, start, end);
        }
    }

    /** {@code _extend_load_segment_vma}: "16KiB compat mode is the exact opposite scenario" of padding. */
    private void compat(ElfFile elf, PageSize page, AddressSpace vm, long lo, long hi, boolean pad, Refusals refusals,
                        List<LayoutNote> notes) {
        if (pad) {
            notes.add(new LayoutNote.PaddingNotApplied(LayoutNote.PaddingBlock.COMPAT_MODE, OptionalInt.empty()));
        }
        BionicCompat.Eligibility e = BionicCompat.eligibility(elf);
        long boundary;
        if (e instanceof BionicCompat.Eligibility.Boundary b) {
            boundary = b.vaddr();
        } else {
            String warning = ((BionicCompat.Eligibility.Ineligible) e).warning();
            if (!warning.isEmpty()) {
                notes.add(new LayoutNote.LoaderWarns(OptionalInt.empty(), warning));
            }
            Refusal r = Refusal.of(Refusal.Reason.NOT_COMPAT_LOADABLE);
            refusals.add(warning.isEmpty() ? r : r.saying("\"" + elf.name() + "\" failed to setup 16KiB App Compat"));
            boundary = hi;
        }
        for (ProgramHeader p : elf.loads()) {
            BionicRules.segmentRefusal(elf, p, BionicCompat.fileLength(p), options, notes).ifPresent(refusals::add);
        }
        notes.add(BionicCompat.layout(vm, elf, page, boundary, lo, hi));
    }

    /**
     * {@code ReserveWithAlignmentPadding} on 64-bit ({@code __LP64__}): the reservation is placed
     * in a window of {@code align_up(size, kLibraryAlignment)} (256 KiB, {@code CFIShadow.h}) at a
     * 256 KiB-aligned address; when {@code first_byte / kGapAlignment != last_byte / kGapAlignment}
     * (2 MiB) the linker keeps {@code kGapAlignment * (arc4random_uniform(kMaxGapUnits - 1) + 1)}
     * ({@code kMaxGapUnits} 32: 2 to 62 MiB) of {@code PROT_NONE} above the library. The window's
     * place inside a 2 MiB region is the kernel's choice; with transparent huge pages, target SDK
     * 31 and a PMD-sized {@code p_align} the start is PMD-aligned instead (not modelled).
     */
    static Optional<LayoutNote> aslrGap(long reservation) {
        long align = 256 * 1024;
        long gapAlign = 2 * 1024 * 1024;
        long window = (reservation + align - 1) & -align;
        int places = (int) (gapAlign / align);
        if (window > gapAlign) {
            return Optional.of(new LayoutNote.AslrGap(LayoutNote.Chance.ALWAYS, places, places, window, gapAlign,
                    31 * gapAlign));
        }
        int crossing = 0;
        for (int k = 0; k < places; k++) {
            if (k * align + window > gapAlign) {
                crossing++;
            }
        }
        return crossing == 0 ? Optional.empty() : Optional.of(new LayoutNote.AslrGap(LayoutNote.Chance.SOMETIMES,
                crossing, places, window, gapAlign, 31 * gapAlign));
    }

    /**
     * The name the kernel sees: for a library mapped straight from an APK the file is the APK
     * ({@code app.apk!/lib/arm64-v8a/libx.so} maps {@code app.apk}).
     */
    static String mappedFileName(String name) {
        int bang = name.indexOf("!/");
        return bang >= 0 ? name.substring(0, bang) : name;
    }

    private Layout finish(ElfFile elf, PageSize page, AddressSpace vm, Refusals refusals, List<LayoutNote> notes) {
        return ModelSupport.layout(elf, this, page, vm, refusals.first, notes);
    }

    /** The first refusal in the linker's order wins: it stops there. */
    private static final class Refusals {
        private Optional<Refusal> first = Optional.empty();

        void add(Refusal r) {
            if (first.isEmpty()) {
                first = Optional.of(r);
            }
        }
    }
}
