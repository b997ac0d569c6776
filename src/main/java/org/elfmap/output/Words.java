package org.elfmap.output;

import java.util.List;
import java.util.Optional;
import org.elfmap.compare.CompareNote;
import org.elfmap.deps.LoadRefusal;
import org.elfmap.deps.Mismatch;
import org.elfmap.deps.PredictNote;
import org.elfmap.deps.SearchNote;
import org.elfmap.deps.Skipped;
import org.elfmap.deps.Unloadable;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.Machines;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.explain.ExplainNote;
import org.elfmap.loader.GapArithmetic;
import org.elfmap.loader.LayoutNote;
import org.elfmap.maps.ReadNote;
import org.elfmap.space.ImageNote;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prediction;
import org.elfmap.space.Refusal;
import org.elfmap.space.Region;
import org.elfmap.space.RegionNote;

/**
 * Every sentence elfmap says about its findings, written once: the domain hands over records
 * (refusals, layout notes, region notes, prediction verdicts, image notes) and every output
 * format that speaks to people (text, HTML tooltips, the {@code message} fields of JSON, SARIF)
 * takes its words from here.
 */
public final class Words {
    private Words() {
    }

    // ---- refusals -------------------------------------------------------------------------

    /** Why the loader refuses, with the loader's own words in quotes when it has any. */
    public static String refusal(Refusal r, ElfFile elf, PageSize page) {
        String why = reason(r, elf, page);
        return r.loaderMessage().map(m -> why + " (" + quoted(m) + ")").orElse(why) + killed(r);
    }

    /** How the process ends when the loader says nothing: the kernel past exec's point of no return. */
    private static String killed(Refusal r) {
        return r.killedBy().map(s -> ": exec fails after its point of no return and the process is killed by " + s)
                .orElse("");
    }

    /** As {@link #refusal(Refusal, ElfFile, PageSize)}, where the file's headers are not at hand. */
    public static String refusal(Refusal r) {
        String seg = r.segment().isPresent() ? " (segment " + r.segment().getAsInt() + ")" : "";
        String why = reasonLabel(r.reason()) + seg;
        return r.loaderMessage().map(m -> why + ": " + quoted(m)).orElse(why) + killed(r);
    }

    private static String reason(Refusal r, ElfFile elf, PageSize page) {
        Optional<ProgramHeader> p = r.segment().isPresent() && r.segment().getAsInt() < elf.programHeaders().size()
                ? Optional.of(elf.programHeaders().get(r.segment().getAsInt())) : Optional.empty();
        String seg = r.segment().isPresent() ? "segment " + r.segment().getAsInt() : "a segment";
        return switch (r.reason()) {
            case NOT_EXEC_OR_DYN -> "the file is " + elf.header().typeName()
                    + ", neither an executable nor a shared object";
            case NO_LOADABLE_SEGMENTS -> "the file has no loadable segments";
            case EMPTY_SPAN -> "the span from the first PT_LOAD to the end of the last (" + seg
                    + ") has no size: the loader's first mmap fails and nothing is mapped";
            case ALIGN_NOT_PAGE_MULTIPLE -> seg + "'s p_align " + p.map(h -> Hex.of(h.align())).orElse("")
                    + " is not a multiple of the " + page.label() + " page size";
            case ALIGN_NOT_POWER_OF_TWO -> p.map(h -> alignNotPowerOfTwo(seg, h.align())).orElseGet(() -> refusal(r));
            case ALIGN_BELOW_PAGE -> p.map(h -> alignBelowPage(seg, h.align(), page)).orElseGet(() -> refusal(r));
            case ADDRESS_OFFSET_MISALIGNED -> seg + "'s p_vaddr - p_offset is not a multiple of its p_align";
            case NOT_CONGRUENT -> p.map(h -> notCongruent(seg, h.offset(), h.vaddr(), page)).orElseGet(() -> refusal(r));
            case FIRST_SEGMENT_OVERRUNS -> "the first PT_LOAD's file part runs past the start of " + seg;
            case NO_DYNAMIC -> "a shared object without PT_DYNAMIC";
            case EMPTY_DYNAMIC -> "a PT_DYNAMIC with p_filesz 0, as separate debuginfo files have";
            case WRITABLE_AND_EXECUTABLE -> seg + " is both writable and executable";
            case PAST_END_OF_FILE -> seg + "'s file part runs past the end of the file";
            case EMPTY_MAPPING -> seg + " asks for a mapping of length 0, which mmap refuses";
            case SEGMENTS_SHARE_A_PAGE -> seg + " shares a page with another PT_LOAD";
            case NOT_COMPAT_LOADABLE -> "the 16 KiB app-compat mode cannot load it: it needs read-only and executable"
                    + " segments, then at most one RELRO at the start of the first read-write segment, then read-write"
                    + " segments, one run of them";
            case BAD_PAD_NOTE -> "its NT_ANDROID_TYPE_PAD_SEGMENT note's descriptor is not one 4-byte word";
        };
    }

    // ---- facts about program headers, said alike by layout, the loaders' refusals and check-pages

    /** "segment 2's p_align 0x1000 is below the 16k page size (0x4000)" */
    public static String alignBelowPage(String segment, long align, PageSize page) {
        return String.format("%s's p_align 0x%x is below the %s page size (0x%x)", segment, align, page.label(),
                page.bytes());
    }

    /** "segment 2's p_align 0x3000 is not a power of two" */
    public static String alignNotPowerOfTwo(String segment, long align) {
        return String.format("%s's p_align 0x%x is not a power of two", segment, align);
    }

    /** "segment 2's p_offset 0x1234 and p_vaddr 0x5678 differ modulo the 4k page size (0x234 vs 0x678)" */
    public static String notCongruent(String segment, long offset, long vaddr, PageSize page) {
        return String.format("%s's p_offset 0x%x and p_vaddr 0x%x differ modulo the %s page size (0x%x vs 0x%x)",
                segment, offset, vaddr, page.label(), page.offsetIn(offset), page.offsetIn(vaddr));
    }

    /**
     * A loader's message in quotes, unless it opens with a quoted file name of its own (bionic's
     * {@code "\"%s\" has no loadable segments"}): quotes around that would read {@code ""}.
     */
    private static String quoted(String message) {
        return message.startsWith("\"") ? message : "\"" + message + "\"";
    }

    /** The reason's name, as JSON's {@code reason} field spells it. */
    public static String reasonLabel(Refusal.Reason reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    // ---- layout notes ---------------------------------------------------------------------

    public static String layoutNote(LayoutNote n, ElfFile elf, PageSize page) {
        if (n instanceof LayoutNote.NoLoads) {
            return "no PT_LOAD segments: nothing for a loader to map";
        }
        if (n instanceof LayoutNote.NotAscending x) {
            return "PT_LOAD segments are not in ascending p_vaddr order (segment " + x.segment() + " after "
                    + x.after() + "), as the gABI requires";
        }
        if (n instanceof LayoutNote.Overlap x) {
            return "PT_LOAD segments " + x.segment() + " and " + x.other() + " overlap in memory";
        }
        if (n instanceof LayoutNote.NotCongruent x) {
            ProgramHeader p = elf.programHeaders().get(x.segment());
            return notCongruent("segment " + x.segment(), p.offset(), p.vaddr(), page);
        }
        if (n instanceof LayoutNote.AlignNotPowerOfTwo x) {
            return alignNotPowerOfTwo("segment " + x.segment(), elf.programHeaders().get(x.segment()).align());
        }
        if (n instanceof LayoutNote.AlignBelowPage x) {
            return alignBelowPage("segment " + x.segment(), elf.programHeaders().get(x.segment()).align(), page);
        }
        if (n instanceof LayoutNote.Padded x) {
            return "segment " + x.segment() + " padded over the gap to segment " + x.next();
        }
        if (n instanceof LayoutNote.LoaderWarns w) {
            String about = w.segment().isPresent() ? " about segment " + w.segment().getAsInt() : "";
            return "the loader warns" + about + " and goes on: " + quoted(w.message());
        }
        if (n instanceof LayoutNote.AlignUnchecked a) {
            return String.format("this release does not check p_align against the page size: the smallest, 0x%x, is"
                    + " below the %s page, so the segments are mapped at %s pages anyway and any whose p_offset and"
                    + " p_vaddr differ modulo that get the wrong bytes", a.minAlign(), page.label(), page.label());
        }
        if (n instanceof LayoutNote.PaddingNotApplied p) {
            return paddingNotApplied(p);
        }
        if (n instanceof LayoutNote.AslrGap g) {
            String window = "the linker's reservation (" + Sizes.kibWithUnit(g.window()) + " in a 256 KiB-aligned window)";
            String when = g.chance() == LayoutNote.Chance.ALWAYS ? " crosses a 2 MiB boundary wherever it lies"
                    : " crosses a 2 MiB boundary in " + g.crossing() + " of the " + g.places()
                    + " places a 2 MiB region offers it (where the kernel's mmap puts it decides)";
            return "on 64-bit, " + window + when + ": then ReserveWithAlignmentPadding keeps a random PROT_NONE"
                    + " anonymous gap of " + g.minBytes() / (1024 * 1024) + " to " + g.maxBytes() / (1024 * 1024)
                    + " MiB (2 MiB x 1..31, arc4random) above it, so VSZ is that much more than these mappings";
        }
        if (n instanceof LayoutNote.CompatLoaded c) {
            return String.format("16 KiB app-compat mode: the file is read into one anonymous read-write reservation"
                    + " of %s named \"%s (compat loaded)\", the load bias moved up 0x%x so that the RX|RW"
                    + " boundary (p_vaddr 0x%x) falls on a page; after relocation everything below it is r-x (text,"
                    + " rodata and RELRO alike) and the rest rw-; addresses are relative to the reservation",
                    Sizes.kibWithUnit(c.reservation()), elf.name(), c.shift(), c.boundary());
        }
        if (n instanceof LayoutNote.TextRel) {
            return "DT_TEXTREL: musl makes its whole mapping rwx to relocate the text and leaves it so (only RELRO is"
                    + " protected again)";
        }
        if (n instanceof LayoutNote.TextRelToggled) {
            return "DT_TEXTREL: ld.so makes each read-only segment writable to relocate it, then protects it again";
        }
        if (n instanceof LayoutNote.PastEndOfFile x) {
            ProgramHeader p = elf.programHeaders().get(x.segment());
            long past = elf.bytesPastEnd(p);
            long pages = Math.max(0, page.up(p.offset() + p.filesz()) - Math.max(page.up(elf.size()),
                    page.down(p.offset()))) / page.bytes();
            return String.format("segment %d: its file part runs 0x%x bytes past the end of the %d-byte file: mapped"
                    + " all the same (mmap does not look at the file's size); touching the %d page(s) wholly past the"
                    + " end raises SIGBUS", x.segment(), past, elf.size(), pages);
        }
        if (n instanceof LayoutNote.RunByLdSo) {
            return "ET_EXEC: laid out as `ld.so PROGRAM` maps it, each segment at its address, holes unmapped (dlopen"
                    + " refuses an executable: \"cannot dynamically load executable\")";
        }
        if (n instanceof LayoutNote.RelroNotApplied) {
            return "PT_GNU_RELRO is not applied: in a static program nothing applies it (musl's start-up, FreeBSD's libc"
                    + " start-up and kernel do not)";
        }
        return code(n);
    }

    private static String paddingNotApplied(LayoutNote.PaddingNotApplied p) {
        String seg = p.segment().isPresent() ? "segment " + p.segment().getAsInt() + " is" : "segments are";
        return switch (p.why()) {
            case RELEASE -> "the file asks for segment padding (NT_ANDROID_TYPE_PAD_SEGMENT), which bionic does from"
                    + " Android 15 on: not padded";
            case NO_PGSIZE_MIGRATION -> "the file asks for segment padding (NT_ANDROID_TYPE_PAD_SEGMENT), which the"
                    + " linker does only where /sys/kernel/mm/pgsize_migration/enabled reads 1 (a 64-bit process on an"
                    + " Android kernel of 4 KiB pages): not padded";
            case NOTE_SAYS_NO -> "the padding note's value is 0: not padded";
            case ALIGN_ABOVE_64K -> seg + " not padded: p_align above 64 KiB is more padding than the kernel can"
                    + " describe";
            case COMPAT_MODE -> "the 16 KiB app-compat mode never pads segments";
        };
    }

    /** What bionic's 16 KiB app-compat mode does with a 4 KiB-aligned library ({@code check-pages}' note). */
    public static String compatLoad(org.elfmap.loader.CompatLoad c) {
        String where = "on a 16 KiB Android device running the app in its 16 KiB app-compat mode (Android 15 QPR2 and"
                + " later)";
        if (c instanceof org.elfmap.loader.CompatLoad.Loaded l) {
            return where + ", bionic reads this library into one anonymous reservation ([anon:PATH (compat loaded)], "
                    + Sizes.kibWithUnit(l.reservation()) + ": " + Sizes.kibWithUnit(l.readExecute()) + " r-x with text,"
                    + " rodata and RELRO, " + Sizes.kibWithUnit(l.readWrite()) + " rw-) instead of mapping it: no page of it is shared with the"
                    + " file or with other processes";
        }
        String warning = ((org.elfmap.loader.CompatLoad.Refused) c).warning();
        return where + ", bionic still cannot load it: "
                + (warning.isEmpty() ? "it has no read-write segment, which the mode needs" : warning);
    }

    /**
     * The seed's arithmetic, as the 2007 post wrote it: {@code ru(memsz)}, or {@code ru(inPage + memsz)}
     * for a segment that does not start on a page (what is rounded, as computed).
     */
    public static String gapArithmetic(GapArithmetic g) {
        String label = "vend" + g.index();
        String rounded = g.inPage() == 0 ? Hex.of(g.memsz()) : Hex.of(g.inPage()) + " + " + Hex.of(g.memsz());
        return label + " = rd(" + Hex.of(g.vaddr()) + ") + ru(" + rounded + ") = " + Hex.of(g.vend()) + "; gap = rd("
                + Hex.of(g.nextVaddr()) + ") - " + label + " = " + Hex.of(g.nextPage()) + " - " + Hex.of(g.vend())
                + " = " + g.gapPages() + " pages";
    }

    /**
     * A layout's gap total: the gaps it maps, and, when the loader leaves the holes between
     * segments unmapped (the Linux kernel), how many pages of holes there are, so that the total
     * does not read as contradicting the per-segment arithmetic.
     */
    public static String gapTotal(long gapBytes, long holeBytes, long page) {
        if (holeBytes == 0) {
            return "gaps " + Sizes.human(gapBytes) + " (" + gapBytes / page + " pages)";
        }
        return "gaps " + Sizes.human(gapBytes) + " mapped (" + gapBytes / page + " pages); " + holeBytes / page
                + " pages of holes between segments left unmapped";
    }

    // ---- kinds ----------------------------------------------------------------------------

    /** What a kind of memory is: the legend of the HTML page and its tooltips. */
    public static String kind(Kind k) {
        return switch (k) {
            case TEXT -> "code: an executable segment";
            case RODATA -> "read-only data";
            case RELRO -> "data made read-only after relocation (PT_GNU_RELRO)";
            case DATA -> "writable data read from the file";
            case BSS -> "zero-filled data past the file\u2019s end";
            case GAP -> "address space reserved between segments: VSZ, not memory";
            case ZEROED_TAIL -> "a segment\u2019s last page, copied to zero its tail";
            case HEAP -> "the brk heap";
            case STACK -> "the main thread\u2019s stack";
            case VDSO -> "the kernel\u2019s virtual shared object";
            case VVAR -> "kernel data the vDSO reads";
            case VSYSCALL -> "the legacy vsyscall page";
            case ANON -> "anonymous memory (malloc arenas, thread stacks, JIT...)";
            case FILE -> "a mapped file that is not ELF";
            case SHM -> "shared memory";
        };
    }

    /** The drawing's own "kind" for what it folds together ({@code other}). */
    public static final String FOLDED = "smaller items folded together to keep the page light (the drawing budget)";

    // ---- region notes ---------------------------------------------------------------------

    /** What a region is and what it costs: the {@code note} of explain's mappings. */
    public static String regionWithCost(Region r, PageSize page) {
        return r.note().map(n -> regionNote(n, r) + ": " + Costs.of(r, page)).orElse("");
    }

    /** A region note without the region it describes (a predicted mapping of a layout). */
    public static String regionNote(RegionNote n) {
        return regionNote(n, null);
    }

    private static String regionNote(RegionNote n, Region r) {
        if (n instanceof RegionNote.Gap g) {
            return gap(g);
        }
        if (n instanceof RegionNote.ZeroedTail z) {
            return "the last page of " + z.of() + " (segment " + z.segment() + "), made writable to zero the bytes"
                    + " after p_filesz and protected again: now a private copy";
        }
        if (n instanceof RegionNote.Relro) {
            return "PT_GNU_RELRO: read-only after relocation";
        }
        if (n instanceof RegionNote.BssFromFile) {
            return "bss pages mapped from the file, not from zero pages (musl does this for read-only segments)";
        }
        if (n instanceof RegionNote.KernelBssWritable) {
            return "the kernel's bss (vm_brk_flags) is read-write whatever the segment says";
        }
        if (n instanceof RegionNote.FragmentCopied) {
            return "anonymous memory holding the segment's last file page (the kernel copied it in with the start"
                    + " of the bss)";
        }
        if (n instanceof RegionNote.AnonName a) {
            return "[anon:" + a.name() + "]";
        }
        if (n instanceof RegionNote.CompatLoaded c) {
            return "[anon:" + c.vmaName() + "]: the file read into anonymous memory by the 16 KiB app-compat mode:"
                    + " private, none of it shared with the file or with other processes";
        }
        if (n instanceof RegionNote.Padding p) {
            return "segment " + p.segment() + "'s padding: its mapping extended over the gap to the next segment"
                    + " (NT_ANDROID_TYPE_PAD_SEGMENT), from the file, never touched";
        }
        if (n instanceof RegionNote.PaddingListedApart p) {
            String whose = p.segment().isPresent() ? "segment " + p.segment().getAsInt() + "'s" : "a segment's";
            return whose + " padding over the gap to the next segment, listed apart by the"
                    + " kernel as ---p [page size compat]: one mapping with the segment (from the file, never"
                    + " touched), not a VMA of its own";
        }
        if (n instanceof RegionNote.BssMerged b) {
            return "bss of segment " + b.segment() + "; the kernel merged it with neighbouring anonymous memory,"
                    + " listed apart as anon";
        }
        if (n instanceof RegionNote.WritableSeenReadOnly) {
            return "pages of a writable segment seen read-only, outside PT_GNU_RELRO";
        }
        if (n instanceof RegionNote.ProtDiffers p) {
            return "protection " + p.seen() + " differs from the segment's " + p.segment();
        }
        if (n instanceof RegionNote.PastLastSegment) {
            return "file pages past the last segment, mapped because the loader's first mapping covers the whole"
                    + " span plus the first segment's file offset";
        }
        if (n instanceof RegionNote.ByShape s) {
            return shape(s);
        }
        if (n instanceof RegionNote.Special s) {
            return switch (s.what()) {
                case GUARD -> "a guard reservation: address space held, no memory, not in VSZ";
                case VDSO -> "the kernel's virtual shared object: its code for gettimeofday etc.";
                case VVAR -> "kernel data the vDSO reads (clock pages); shared by every process";
                case VSYSCALL -> "the legacy vsyscall page: the kernel's gate area, not a mapping of this process,"
                        + " so not counted in VmSize";
            };
        }
        return code(n);
    }

    private static String gap(RegionNote.Gap g) {
        String between = g.before().isPresent() || g.after().isPresent()
                ? "the address space between " + g.before().map(Kind::label).orElse("the segments") + " and "
                        + g.after().map(Kind::label).orElse("the segments") + ","
                : "between segments:";
        String how = switch (g.holder()) {
            case GLIBC_FIRST_MAPPING -> "held by the rest of ld.so's first mapping of the whole span";
            case FILE_PROT_NONE -> "reserved from the file by the loader and made PROT_NONE (address space, no pages)";
            case MUSL_FIRST_MAPPING -> "held by musl's first mapping of the whole span, left with the first segment's"
                    + " protection";
            case RTLD_FIRST_MAPPING -> "held by rtld's first mapping of the whole span from the file, with the first"
                    + " segment's protection: address space, never touched, so nothing resident";
            case GUARD -> "held by the loader with a MAP_GUARD reservation (no access, no pages, not in VSZ)";
            case ANON_PROT_NONE -> "reserved by the loader as PROT_NONE anonymous memory";
            case FILE_WITH_PROT -> "reserved from the file by the loader with "
                    + g.protectionOf().map(k -> k.label() + "'s").orElse("its own") + " protection";
        };
        return between + " " + how + (g.textsObject() ? " (the same VM object as text)" : "");
    }

    private static String shape(RegionNote.ByShape s) {
        return switch (s.shape()) {
            case ZEROED_TAIL -> "a one-page entry with text's protection right after text, in a VM object of its own:"
                    + " text's last page, made writable to zero the bytes after the segment's end and protected"
                    + " again, now a private copy";
            case RELRO -> "read-only pages just before the data: data made read-only after relocation (RELRO)";
            case BSS -> "anonymous memory right after data: the bss (it may include other anonymous memory the kernel"
                    + " merged with it)";
        };
    }

    // ---- predictions ----------------------------------------------------------------------

    /** Why an object has no verdict. */
    public static String unavailable(Prediction.Unavailable u) {
        if (u instanceof Prediction.Unavailable.NotChecked) {
            return "not checked";
        }
        if (u instanceof Prediction.Unavailable.Refused r) {
            return r.loader() + " would refuse this file: " + refusal(r.refusal());
        }
        if (u instanceof Prediction.Unavailable.NoLoads) {
            return "the file has no PT_LOAD segments";
        }
        if (u instanceof Prediction.Unavailable.NotObserved n) {
            return "no mapping of " + n.path() + " was observed";
        }
        if (u instanceof Prediction.Unavailable.NoBase b) {
            return String.format("observed offset 0x%x is not in any predicted file-backed mapping", b.offset());
        }
        if (u instanceof Prediction.Unavailable.FileUnusable f) {
            return f.path() + ": " + fileProblem(f.problem(), f.detail()) + ": classified by shape";
        }
        return code(u);
    }

    public static String fileProblem(Prediction.FileProblem p, String detail) {
        String d = detail.isEmpty() ? "" : ": " + detail;
        return switch (p) {
            case NO_SUCH_FILE -> "no such file";
            case PERMISSION_DENIED -> "permission denied";
            case DIRECTORY -> "the path names a directory (cut short in the capture?)";
            case CANNOT_READ -> "cannot read it" + d;
            case CHANGED_SINCE_MAPPED -> "changed since it was mapped" + (detail.isEmpty() ? "" : " (" + detail + ")");
            case MALFORMED -> "not a well-formed ELF file" + d;
            case NO_LOADS -> "an ELF file without PT_LOAD segments";
            case DELETED -> "deleted since it was mapped";
            case NOT_ABSOLUTE -> "the capture gives no absolute path";
            case NUL_IN_PATH -> "the path holds a NUL byte, so it names no file";
            case DOES_NOT_FIT -> "the file at that path does not fit this mapping (changed since it was mapped?)";
            case MEMFD -> "a memfd (memfd_create), a file with no path: only the live process's /proc/PID/map_files"
                    + " can open it";
            case MAPPED_AGAIN -> "a mapping of the file that no loader made (above the file's image, and not where a"
                    + " loader starts one, at its first PT_LOAD): the program mapped part of the file itself, as V8 maps"
                    + " its built-ins from node's file";
        };
    }

    /** The heading of a mismatch's differences. */
    public static String judge(Prediction.Judge j) {
        return "against the " + j.loader() + " model at " + j.page().label() + " pages:";
    }

    public static String difference(Prediction.Difference d) {
        String kind = d.expectedKind().map(k -> " (" + k.label() + ")").orElse("");
        if (d.expected().isEmpty()) {
            return "unexpected " + piece(d.observed().orElseThrow());
        }
        if (d.observed().isEmpty()) {
            return "expected " + piece(d.expected().get()) + kind + ", not observed";
        }
        return "expected " + piece(d.expected().get()) + kind + ", observed " + piece(d.observed().get());
    }

    /** Every line a mismatch prints: the heading, each difference, and a mark when some were left out. */
    public static List<String> differences(Prediction p) {
        List<String> out = new java.util.ArrayList<>();
        p.against().ifPresent(j -> out.add(judge(j)));
        p.differences().forEach(d -> out.add(difference(d)));
        if (p.truncated()) {
            out.add("... (further differences not listed)");
        }
        return out;
    }

    private static String piece(Prediction.Piece p) {
        String where;
        if (p.fileOffset().isEmpty()) {
            where = "anonymous";
        } else if (p.fileOffset().getAsLong() == Prediction.Piece.SOME_OFFSET) {
            where = "from the file";
        } else {
            where = "offset 0x" + Long.toHexString(p.fileOffset().getAsLong());
        }
        return String.format("0x%x-0x%x %s %s", p.start(), p.end(), p.prot(), where);
    }

    // ---- image notes ----------------------------------------------------------------------

    public static String imageNote(ImageNote n) {
        if (n instanceof ReadNote.SmapsDenied) {
            return "smaps is not readable (permission denied): read maps instead, so there is no RSS or PSS";
        }
        if (n instanceof ExplainNote e) {
            return explainNote(e);
        }
        if (n instanceof PredictNote p) {
            return predictNote(p);
        }
        return code(n);
    }

    private static String explainNote(ExplainNote n) {
        if (n instanceof ExplainNote.NoUsageInMaps) {
            return "maps carries no RSS or PSS: only address space (VSZ) is attributed";
        }
        if (n instanceof ExplainNote.RollupOnly) {
            return "smaps_rollup holds whole-process totals only: there are no entries to attribute (use smaps)";
        }
        if (n instanceof ExplainNote.FreeBsdResidentCounting) {
            return "FreeBSD counts resident pages per VM object within each entry's range (shared page cache"
                    + " included) and reports no proportional share: RSS here is that count, and there is no PSS";
        }
        if (n instanceof ExplainNote.FoldedEntries f) {
            return f.entries() + " entries of non-ELF memory are counted in the totals but not listed one by one";
        }
        if (n instanceof ExplainNote.FilesFolded f) {
            return f.entries() + " entries of files beyond the first " + f.limit() + " file objects are counted in"
                    + " the totals as one object, [more files], unread (no process maps that many files)";
        }
        if (n instanceof ExplainNote.VsyscallNotCounted) {
            return "[vsyscall] is the kernel's gate area, not a mapping of the process: it takes no VSZ";
        }
        if (n instanceof ExplainNote.RollupTotals r) {
            return "totals are smaps_rollup's: the kernel rounds each mapping's PSS down to a KiB in smaps, so the"
                    + " mappings add up to " + Sizes.kibWithUnit(r.pssShortBytes()) + " less PSS";
        }
        if (n instanceof ExplainNote.Listing l) {
            return "a program-header listing: the object is laid out by the " + l.loader() + " model at "
                    + l.page().label() + " pages (--loader, --page-size to change), addresses relative to its base";
        }
        if (n instanceof ExplainNote.ListingRefused r) {
            return r.loader() + " would refuse it: " + refusal(r.refusal());
        }
        if (n instanceof ExplainNote.FreeBsdGapReading g) {
            String what = g.entries() + (g.entries() == 1 ? " entry" : " entries") + " between an object's segments"
                    + " without a VM object (procfs 'none', procstat '--') could be MAP_GUARD reservations or untouched"
                    + " anonymous memory, which differ only in VSZ";
            String reading = g.guards()
                    ? ": read as FreeBSD " + g.release() + " rtld's MAP_GUARD reservations, not counted in VSZ"
                    + " (vm_map_insert adds guards to map->size never)"
                    : ": read as FreeBSD " + g.release() + " rtld's anonymous PROT_NONE reservations, counted in VSZ"
                    + " (rtld of 8 to 11 reserved with MAP_ANON, not MAP_GUARD)";
            String why = g.chosen() ? " (--loader freebsd@" + g.release() + ")"
                    : "; the capture does not say its release, so the current one is assumed: for FreeBSD 8 to 11 say"
                    + " --loader freebsd@N";
            return what + reading + why;
        }
        if (n instanceof ExplainNote.SomeSmapsDenied) {
            return "some processes' smaps was not readable (not root?): they count with VSZ only";
        }
        if (n instanceof ExplainNote.ReadThroughMapFiles r) {
            String why = switch (r.why()) {
                case MEMFD -> "a memfd has no path";
                case DELETED -> "deleted since it was mapped";
                case NO_SUCH_FILE -> "no file at its path now";
                case CHANGED_SINCE_MAPPED -> "another file at its path now";
                default -> fileProblem(r.why(), "");
            };
            return r.path() + ": its bytes were read through /proc/PID/map_files, the mapped file itself (" + why + ")";
        }
        if (n instanceof ExplainNote.ProgramMappedByLinker m) {
            return m.exeIsLinker()
                    ? m.path() + " was mapped by the dynamic linker, not the kernel (/proc/PID/exe is the linker: run as"
                    + " 'ld.so PROGRAM'): checked against the " + m.loader() + " model"
                    : m.path() + " does not fit the kernel's model but fits the " + m.loader() + " model: read as a"
                    + " program run through its dynamic linker ('ld.so PROGRAM')";
        }
        if (n instanceof ExplainNote.PageSizeFromCapture p) {
            return "page size " + p.page().label() + " read from the capture (its entries start and end on "
                    + p.page().label() + " boundaries): the files are laid out at it; --page-size overrides";
        }
        return code(n);
    }

    private static String predictNote(PredictNote n) {
        if (n instanceof PredictNote.RelativeAddresses) {
            return "addresses are relative to each object's load base (absolute for ET_EXEC programs)";
        }
        if (n instanceof PredictNote.NotPredicted) {
            return "[stack], [heap], [vdso], [vvar] and anonymous memory are not predicted from files: a running"
                    + " process adds them on top of these totals";
        }
        if (n instanceof PredictNote.ObjectRefused r) {
            return r.path() + ": " + r.loader() + " would refuse it: " + refusal(r.refusal());
        }
        return code(n);
    }

    // ---- dependency closures (predict's tree) ---------------------------------------------

    /** What the reader of a closure should know about how it was searched. */
    public static String searchNote(SearchNote n) {
        if (n instanceof SearchNote.NoInterpreterButNeeded) {
            return "no PT_INTERP but DT_NEEDED entries: nothing loads them when the kernel starts this file";
        }
        if (n instanceof SearchNote.LibraryMode m) {
            return "library mode: " + m.path() + " as dlopen and ldd load it; " + m.interpreter()
                    + " is the interpreter of the program that loads it (ldd does not list it, the kernel maps it)";
        }
        if (n instanceof SearchNote.ForeignInterpreter f) {
            return "PT_INTERP " + f.interpreter() + " is neither glibc's nor musl's dynamic linker: searched with glibc's"
                    + " rules";
        }
        if (n instanceof SearchNote.DefaultDirs d) {
            return d.readFrom().map(f -> "default dirs read from " + f)
                    .orElse("upstream glibc's default dirs (the interpreter could not be read)")
                    + ": " + String.join(":", d.dirs()) + "; $LIB=" + d.lib();
        }
        if (n instanceof SearchNote.Release r) {
            return "glibc " + r.version() + " (" + r.source() + ")";
        }
        if (n instanceof SearchNote.Platform p) {
            return "$PLATFORM=" + p.platform() + " (" + p.source() + ")";
        }
        if (n instanceof SearchNote.HwcapsFirst h) {
            return "glibc-hwcaps subdirectories searched first: "
                    + (h.subdirs().isEmpty() ? "none" : String.join(", ", h.subdirs())) + " (" + h.source() + ")";
        }
        if (n instanceof SearchNote.LegacyHwcaps l) {
            return "legacy hwcap subdirectories (glibc before 2.37): " + String.join(", ", l.subdirs());
        }
        if (n instanceof SearchNote.NoCache c) {
            return "no " + c.path() + " in " + c.root() + ": ld.so skips the cache step";
        }
        if (n instanceof SearchNote.CacheRead c) {
            return c.path() + ": " + c.entries() + " entries (" + c.format() + ")";
        }
        if (n instanceof SearchNote.CacheIgnored c) {
            return c.path() + " ignored: " + c.detail();
        }
        if (n instanceof SearchNote.LoaderStopped s) {
            return s.rules() + " stops at " + s.path() + " (" + loadRefusal(s.refusal())
                    + "): nothing after it is loaded and the program does not start";
        }
        if (n instanceof SearchNote.SearchListCut c) {
            return "the search list of " + c.requester() + " names more than " + c.max() + " distinct directories: only"
                    + " the first " + c.max() + " are searched (" + c.dropped() + " left out)";
        }
        if (n instanceof SearchNote.MuslPathFile f) {
            return "musl's search path from " + f.file();
        }
        if (n instanceof SearchNote.MuslPathFileUnreadable f) {
            return f.file() + " exists but cannot be read: musl searches no system directories";
        }
        if (n instanceof SearchNote.MuslPathFileCut c) {
            return c.file() + " is longer than elfmap reads (" + c.maxBytes() + " bytes, " + c.maxDirs() + " distinct"
                    + " directories): only the first " + c.kept() + " directories are searched, where musl would"
                    + " search them all";
        }
        if (n instanceof SearchNote.MuslDefaultPath d) {
            return "no " + d.file() + ": musl's default path " + d.path();
        }
        return code(n);
    }

    /** Why a name was not loaded, in the loader's own words where it has them. */
    public static String unloadable(Unloadable u) {
        if (u instanceof Unloadable.EmptyTokenSubstitution e) {
            return "cannot load auxiliary `" + e.name() + "' because of empty dynamic string token substitution";
        }
        if (u instanceof Unloadable.LookupBound b) {
            return "not searched: this resolution has looked for " + b.max() + " files, its bound (a real program"
                    + " needs a few thousand)";
        }
        if (u instanceof Unloadable.NotLoadable n) {
            return n.path() + ": " + n.detail();
        }
        if (u instanceof Unloadable.TakenButForeign t) {
            return t.path() + ": " + mismatch(t.mismatch()) + " (" + t.rules() + " takes the first file it can open)";
        }
        if (u instanceof Unloadable.NotFound f) {
            return f.foreign().map(Words::mismatch).orElse("cannot open shared object file: No such file or directory");
        }
        if (u instanceof Unloadable.NoSuchFile) {
            return "No such file or directory";
        }
        if (u instanceof Unloadable.Refused r) {
            return loadRefusal(r.refusal());
        }
        if (u instanceof Unloadable.InterpreterMissing) {
            return "PT_INTERP not found: the kernel refuses to start the program (ENOENT)";
        }
        if (u instanceof Unloadable.InterpreterNotLoadable n) {
            return "PT_INTERP is not loadable: " + n.detail();
        }
        if (u instanceof Unloadable.InterpreterForeign f) {
            return "PT_INTERP: " + mismatch(f.mismatch());
        }
        return code(u);
    }

    /** glibc's messages, {@code elf/dl-load.c} {@code _dl_map_object_from_fd}. */
    public static String loadRefusal(LoadRefusal r) {
        return switch (r) {
            case EXECUTABLE -> "cannot dynamically load executable";
            case PIE -> "cannot dynamically load position-independent executable";
        };
    }

    /** Why a file is for another kind of process. */
    public static String mismatch(Mismatch m) {
        if (m instanceof Mismatch.ElfClass c) {
            return "wrong ELF class: ELFCLASS" + c.elfClass();
        }
        if (m instanceof Mismatch.Endian e) {
            return "wrong byte order: " + e.endian() + "-endian";
        }
        if (m instanceof Mismatch.Machine x) {
            return "wrong machine: " + Machines.name(x.machine());
        }
        return code(m);
    }

    /** A file the search passed over, and why. */
    public static String skipped(Skipped s) {
        return s.path() + ": " + mismatch(s.mismatch());
    }

    public static String compareNote(CompareNote n) {
        if (n instanceof CompareNote.OneSidePredicted) {
            return "one side is predicted from files: [stack], [heap], [anon] and other memory a running process adds"
                    + " are listed but left out of the explanation, which compares ELF objects only";
        }
        if (n instanceof CompareNote.GapsHeldDifferently g) {
            boolean aCounts = g.countedA() > 0 && g.guardB() > 0;
            String counts = aCounts ? "A" : "B";
            String guards = aCounts ? "B" : "A";
            long counted = aCounts ? g.countedA() : g.countedB();
            long guard = aCounts ? g.guardB() : g.guardA();
            return "why the gaps differ: " + counts + "'s " + Sizes.kibWithUnit(counted) + " of gaps are held by mappings that count"
                    + " in VSZ (file pages, or anonymous PROT_NONE reservations as FreeBSD's rtld made them before 12),"
                    + " " + guards + "'s " + Sizes.kibWithUnit(guard) + " by MAP_GUARD entries, which FreeBSD 12+ rtld reserves and"
                    + " vm_map_insert leaves out of map->size, so out of VSZ: the address space each takes is alike,"
                    + " only the counting differs";
        }
        if (n instanceof CompareNote.Unresolved u) {
            return u.side() + ": not found, so not in the comparison: " + String.join(", ", u.names());
        }
        return code(n);
    }

    /**
     * A finding's stable name for scripts: its record's name in kebab case ({@code NotCongruent}
     * is {@code not-congruent}). Also the words of last resort for a record this class does not
     * know yet.
     */
    public static String code(Object finding) {
        String n = finding.getClass().getSimpleName();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
