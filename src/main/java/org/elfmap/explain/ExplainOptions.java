package org.elfmap.explain;

import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.space.HostPage;
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
 * @param checkPredictions whether to check each ELF object against its loader's layout
 * @param files     the ELF files read so far: share one between calls to read each file once
 * @param proc      where running processes are read from
 * @param pageFromCapture whether a capture's own entries may set the page size ({@link
 *                  org.elfmap.maps.CapturePage}): the page size of {@code files} was a default,
 *                  not the user's {@code --page-size}
 */
public record ExplainOptions(Optional<MapsFormat> format, Optional<Path> root, Optional<LoaderModel> loader,
                             int maxListed, boolean checkPredictions, FileCache files, LiveProcess proc,
                             boolean pageFromCapture) {

    /** Lists up to this many regions per pseudo-object: beyond it a capture is "huge" and summarised. */
    public static final int LISTED_WHEN_HUGE = 10_000;

    public static ExplainOptions defaults() {
        return new ExplainOptions(Optional.empty(), Optional.empty(), Optional.empty(), LISTED_WHEN_HUGE, true,
                new FileCache(HostPage.size()), LiveProcess.system(), false);
    }

    public ExplainOptions withFormat(Optional<MapsFormat> f) {
        return new ExplainOptions(f, root, loader, maxListed, checkPredictions, files, proc, pageFromCapture);
    }

    public ExplainOptions withRoot(Optional<Path> r) {
        return new ExplainOptions(format, r, loader, maxListed, checkPredictions, files, proc, pageFromCapture);
    }

    public ExplainOptions withLoader(Optional<LoaderModel> l) {
        return new ExplainOptions(format, root, l, maxListed, checkPredictions, files, proc, pageFromCapture);
    }

    public ExplainOptions withMaxListed(int n) {
        return new ExplainOptions(format, root, loader, n, checkPredictions, files, proc, pageFromCapture);
    }

    public ExplainOptions withPredictions(boolean check) {
        return new ExplainOptions(format, root, loader, maxListed, check, files, proc, pageFromCapture);
    }

    public ExplainOptions withFiles(FileCache f) {
        return new ExplainOptions(format, root, loader, maxListed, checkPredictions, f, proc, pageFromCapture);
    }

    public ExplainOptions withProc(LiveProcess p) {
        return new ExplainOptions(format, root, loader, maxListed, checkPredictions, files, p, pageFromCapture);
    }

    public ExplainOptions withPageFromCapture(boolean infer) {
        return new ExplainOptions(format, root, loader, maxListed, checkPredictions, files, proc, infer);
    }
}
