package org.elfmap.explain;

import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.loader.HostPage;
import org.elfmap.loader.LoaderModel;
import org.elfmap.maps.LiveProcess;
import org.elfmap.maps.MapsFormat;

/**
 * How to read and attribute a source.
 *
 * @param format    the capture's format, or empty to recognise it
 * @param root      sysroot in which to find the files a capture names
 * @param loader    loader model for libraries, instead of the process's own dynamic linker
 * @param maxListed regions listed per non-ELF object before they are only counted (0: totals only)
 * @param files     the ELF files read so far: share one between calls to read each file once
 * @param proc      where running processes are read from
 */
public record ExplainOptions(Optional<MapsFormat> format, Optional<Path> root, Optional<LoaderModel> loader,
                             int maxListed, FileCache files, LiveProcess proc) {

    /** Lists up to this many regions per pseudo-object: beyond it a capture is "huge" and summarised. */
    public static final int LISTED_WHEN_HUGE = 10_000;

    public static ExplainOptions defaults() {
        return new ExplainOptions(Optional.empty(), Optional.empty(), Optional.empty(), LISTED_WHEN_HUGE,
                new FileCache(HostPage.size()), LiveProcess.system());
    }

    public ExplainOptions withFormat(Optional<MapsFormat> f) {
        return new ExplainOptions(f, root, loader, maxListed, files, proc);
    }

    public ExplainOptions withRoot(Optional<Path> r) {
        return new ExplainOptions(format, r, loader, maxListed, files, proc);
    }

    public ExplainOptions withLoader(Optional<LoaderModel> l) {
        return new ExplainOptions(format, root, l, maxListed, files, proc);
    }

    public ExplainOptions withMaxListed(int n) {
        return new ExplainOptions(format, root, loader, n, files, proc);
    }

    public ExplainOptions withFiles(FileCache f) {
        return new ExplainOptions(format, root, loader, maxListed, f, proc);
    }

    public ExplainOptions withProc(LiveProcess p) {
        return new ExplainOptions(format, root, loader, maxListed, files, p);
    }
}
