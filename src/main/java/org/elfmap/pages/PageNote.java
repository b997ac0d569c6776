package org.elfmap.pages;

import java.util.List;
import org.elfmap.space.PageSize;

/**
 * Something worth saying about a library that does not fail it: why it does not bind, where
 * Android's checks pass a file a loader would still mishandle, where Android Studio answers
 * otherwise. Values only; the output layer writes the sentences.
 */
public sealed interface PageNote {
    /** A compressed entry: the installer extracts it, so its place in the archive does not matter. */
    record Compressed(int method) implements PageNote {
    }

    /** A stored library in an AAB, AAR or JAR off the page: bundletool or AGP places it again when it builds the APK. */
    record RepackagedLater(long dataOffset, PageSize pageSize, ArchiveKind archive) implements PageNote {
    }

    /** In a 32-bit ABI directory: Android's 16 KiB rule binds only 64-bit ABIs. */
    record ThirtyTwoBitAbi(String abi) implements PageNote {
    }

    /** An ELFCLASS32 file: elfpolicy skips 32-bit files ("not subject to the 16k alignment requirement"). */
    record ThirtyTwoBitElf() implements PageNote {
    }

    /** No PT_LOAD at all: nothing is mapped, and elfpolicy passes it. */
    record NoLoads() implements PageNote {
    }

    /** A PT_GNU_RELRO that no LOAD contains: elfpolicy passes it with a warning ("likely obfuscated"). */
    record RelroOutsideLoads(int relroSegment) implements PageNote {
    }

    /**
     * The RELRO passed as "the whole LOAD" only because the file has no section headers to compare
     * (elfpolicy {@code RelroIsEntireLoadSegment} compares two empty lists).
     */
    record RelroWholeWithoutSections(int relroSegment) implements PageNote {
    }

    /** The section header table could not be read; the RELRO checks went on without it. */
    record SectionHeadersUnreadable(String reason) implements PageNote {
    }

    /**
     * The rules pass this RELRO, but bionic ({@code phdr_table_protect_gnu_relro} rounds the start
     * down and the end up to the page) makes {@code before + after} bytes of writable data around it
     * read-only: a write there crashes.
     */
    record RelroRounding(int relroSegment, long before, long after, PageSize pageSize) implements PageNote {
    }

    /**
     * LOAD alignments that are no power of two ({@code count} of them, the first shown): bionic
     * warns and ignores them, glibc refuses the file.
     */
    record AlignNotPowerOfTwo(int loadSegment, long align, int count) implements PageNote {
    }

    /** Android Studio's check ({@code pagealign}, 16 KiB) reports these kinds where the platform's policy does not, or not these. */
    record StudioDiffers(List<ProblemKind> studio) implements PageNote {
        public StudioDiffers {
            studio = List.copyOf(studio);
        }
    }

    /**
     * A 4 KiB-aligned library at 16 KiB pages: what bionic's 16 KiB app-compat mode does with it
     * (reads it into anonymous memory), or why even that mode refuses it.
     */
    record CompatLoaded(org.elfmap.loader.CompatLoad load) implements PageNote {
    }
}
