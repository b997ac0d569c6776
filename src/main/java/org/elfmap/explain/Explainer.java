package org.elfmap.explain;

import org.elfmap.space.Usage;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ImageNote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.elf.ProgramHeaderListing;
import org.elfmap.space.Kind;
import org.elfmap.space.PageSize;
import org.elfmap.maps.CapturePage;
import org.elfmap.maps.LineReader;
import org.elfmap.maps.LiveProcess;
import org.elfmap.maps.MapsFormat;

/**
 * The entry point of {@code explain}, also used by {@code compare} and {@code top}: reads an
 * observed address space (a running process, a capture, stdin), attributes every entry to an
 * object, a PT_LOAD segment and a kind, and checks each ELF object against its prediction.
 *
 * <pre>{@code
 * AddressImage image = Explainer.explain(Source.of("1234"));
 * AddressImage capture = Explainer.explain(new Source.Capture(path), ExplainOptions.defaults());
 * }</pre>
 */
public final class Explainer {
    private Explainer() {
    }

    public static AddressImage explain(Source source) {
        return explain(source, ExplainOptions.defaults());
    }

    public static AddressImage explain(Source source, ExplainOptions options) {
        if (source instanceof Source.Pid p) {
            return process(p, options);
        }
        if (source instanceof Source.Capture c) {
            return capture(c, options);
        }
        Source.Stream s = (Source.Stream) source;
        return stream(new LineReader(s.in(), s.describe()), s.describe(), options);
    }

    private static AddressImage process(Source.Pid p, ExplainOptions o) {
        return read(o.proc().open(p.pid()), o);
    }

    /** A live process's map that {@link LiveProcess#open} opened: read, checked complete, attributed. */
    static AddressImage read(LiveProcess.Reading r, ExplainOptions o) {
        LiveProcess proc = o.proc();
        Source.Pid p = new Source.Pid(r.pid());
        Optional<Path> processRoot = o.root().isPresent() ? Optional.empty() : proc.fileRoot(p.pid());
        ObjectAssembler a = new ObjectAssembler(o.files(), o.root(), processRoot, o.root().isEmpty(), false, o.maxListed(),
                Optional.empty());
        try (LineReader in = r.lines()) {
            r.format().parser(o.files().page()).parse(in, a);
        } catch (UncheckedIOException e) {
            throw proc.failed(r, e.getCause());
        }
        proc.checkStillRunning(r);
        if (a.entries() == 0) {
            throw new NoAddressSpace(p.describe());
        }
        List<ImageNote> notes = new ArrayList<>(r.notes());
        AddressImage image = image(p.describe(), r.format(), a, o, notes);
        if (r.format() != MapsFormat.LINUX_SMAPS) {
            return image;
        }
        // totals as the kernel sums them: smaps rounds each entry's PSS down to a KiB
        Optional<Usage> exact = proc.rollup(p.pid());
        if (exact.isEmpty()) {
            return image;
        }
        long short_ = exact.get().pssBytes() - image.usage().pssBytes();
        List<ImageNote> all = new ArrayList<>(image.notes());
        if (short_ != 0) {
            all.add(new ExplainNote.RollupTotals(short_));
        }
        return image.withNotes(all).withRollup(exact);
    }

    /** A process with no memory map at all: a kernel thread (or a zombie). */
    public static final class NoAddressSpace extends BadInputException {
        NoAddressSpace(String source) {
            super(source, "has no address space (a kernel thread, or a process that has exited)");
        }
    }

    private static AddressImage capture(Source.Capture c, ExplainOptions o) {
        InputStream in;
        try {
            if (Files.isDirectory(c.file())) {
                throw new BadInputException(c.describe(), "is a directory, not a capture");
            }
            in = Files.newInputStream(c.file());
        } catch (NoSuchFileException e) {
            throw new BadInputException(c.describe(), "no such file (for a process, give its PID)");
        } catch (AccessDeniedException e) {
            throw new BadInputException(c.describe(), "permission denied");
        } catch (IOException e) {
            throw new BadInputException(c.describe(), "cannot read: " + e.getMessage());
        }
        return stream(new LineReader(in, c.describe()), c.describe(), o);
    }

    private static AddressImage stream(LineReader in, String name, ExplainOptions o) {
        try (in) {
            if (o.format().isEmpty() && ProgramHeaderListing.looksLike(in::peek, 40)) {
                return ListingImage.of(ProgramHeaderListing.parse(lines(in), name), name, o.loader(), o.files().page());
            }
            MapsFormat format = o.format().orElseGet(() -> MapsFormat.detect(in, o.files().page())
                    .orElseThrow(() -> new BadInputException(name, "empty: no memory-map entries")));
            List<ImageNote> notes = new ArrayList<>();
            ExplainOptions opts = capturePage(in, format, o, notes);
            boolean bsd = format == MapsFormat.FREEBSD_MAP || format == MapsFormat.PROCSTAT;
            boolean linux = !bsd;
            Optional<FreeBsdGaps> gaps = bsd ? Optional.of(freeBsdGaps(opts)) : Optional.empty();
            ObjectAssembler a = new ObjectAssembler(opts.files(), opts.root(), Optional.empty(),
                    opts.root().isEmpty() && linux, bsd, opts.maxListed(), gaps);
            format.parser(opts.files().page()).parse(in, a);
            if (a.entries() == 0 && a.rollupTotals().isEmpty()) {
                throw new BadInputException(name, "empty: no memory-map entries");
            }
            AddressImage image = image(name, format, a, opts, notes);
            Optional<ExplainNote> reading = gaps.flatMap(FreeBsdGaps::note);
            if (reading.isEmpty()) {
                return image;
            }
            List<ImageNote> all = new ArrayList<>(image.notes());
            all.add(reading.get());
            return image.withNotes(all);
        } catch (UncheckedIOException e) {
            throw new BadInputException(name, "cannot read: " + e.getCause().getMessage());
        }
    }

    /**
     * The options with the capture's own page size when the user gave none and its entries say
     * another than the default (CapturePage), noted; else the options as they are.
     */
    private static ExplainOptions capturePage(LineReader in, MapsFormat format, ExplainOptions o, List<ImageNote> notes) {
        if (!o.pageFromCapture() || (format != MapsFormat.LINUX_MAPS && format != MapsFormat.LINUX_SMAPS)) {
            return o;
        }
        Optional<PageSize> seen = CapturePage.of(in);
        if (seen.isEmpty() || seen.get().bytes() == o.files().page().bytes()) {
            return o;
        }
        notes.add(new ExplainNote.PageSizeFromCapture(seen.get()));
        return o.withFiles(new FileCache(seen.get()));
    }

    private static AddressImage image(String source, MapsFormat format, ObjectAssembler a, ExplainOptions o,
                                      List<ImageNote> notes) {
        List<ObjectImage> objects = a.finish(o.checkPredictions(), o.loader());
        switch (format) {
            case LINUX_MAPS -> notes.add(new ExplainNote.NoUsageInMaps());
            case LINUX_SMAPS_ROLLUP -> notes.add(new ExplainNote.RollupOnly());
            case FREEBSD_MAP, PROCSTAT -> notes.add(new ExplainNote.FreeBsdResidentCounting());
            default -> {
            }
        }
        long folded = objects.stream().mapToLong(ob -> ob.folded().entries()).sum();
        if (folded > 0 && o.maxListed() > 0) {
            notes.add(new ExplainNote.FoldedEntries(folded));
        }
        if (a.foldedFileEntries() > 0) {
            notes.add(new ExplainNote.FilesFolded(a.foldedFileEntries(), ObjectAssembler.MAX_FILE_OBJECTS));
        }
        if (objects.stream().anyMatch(ob -> ob.byKind().containsKey(Kind.VSYSCALL))) {
            notes.add(new ExplainNote.VsyscallNotCounted());
        }
        return new AddressImage(source, format.label(), objects, List.of(), notes, a.rollupTotals(), o.files().page());
    }

    /** The capture's FreeBSD release: the one {@code --loader freebsd@N} names, else the current one. */
    private static FreeBsdGaps freeBsdGaps(ExplainOptions o) {
        Optional<org.elfmap.loader.FreeBsdRelease> named = o.loader().flatMap(org.elfmap.loader.Loaders::freebsdRelease);
        return new FreeBsdGaps(named.orElse(org.elfmap.loader.FreeBsdRelease.CURRENT), named.isPresent());
    }

    private static Iterable<String> lines(LineReader in) {
        return () -> new java.util.Iterator<>() {
            private String next = in.next();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                String l = next;
                next = in.next();
                return l;
            }
        };
    }
}
