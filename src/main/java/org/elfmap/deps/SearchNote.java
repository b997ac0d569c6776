package org.elfmap.deps;

import java.util.List;
import java.util.Optional;

/** What a dependency closure's reader should know about how it was searched; the words are {@code output.Words}'. */
public sealed interface SearchNote {
    /** A file without PT_INTERP but with DT_NEEDED entries: nothing loads them when the kernel starts it. */
    record NoInterpreterButNeeded() implements SearchNote {
    }

    /** Library mode: {@code path} as dlopen and ldd load it, after {@code interpreter}, the loading program's. */
    record LibraryMode(String path, String interpreter) implements SearchNote {
    }

    /** A PT_INTERP that is neither glibc's nor musl's dynamic linker: searched with glibc's rules. */
    record ForeignInterpreter(String interpreter) implements SearchNote {
    }

    /** glibc's default directories and {@code $LIB}, read from the interpreter named, or upstream's when empty. */
    record DefaultDirs(Optional<String> readFrom, List<String> dirs, String lib) implements SearchNote {
        public DefaultDirs {
            dirs = List.copyOf(dirs);
        }
    }

    /** The glibc release the rules follow, and where it came from. */
    record Release(GlibcVersion version, String source) implements SearchNote {
    }

    /** {@code $PLATFORM}, and where it came from. */
    record Platform(String platform, String source) implements SearchNote {
    }

    /** The glibc-hwcaps subdirectories searched first (2.33+), and where they came from. */
    record HwcapsFirst(List<String> subdirs, String source) implements SearchNote {
        public HwcapsFirst {
            subdirs = List.copyOf(subdirs);
        }
    }

    /** The legacy hwcap subdirectories searched (before glibc 2.37). */
    record LegacyHwcaps(List<String> subdirs) implements SearchNote {
        public LegacyHwcaps {
            subdirs = List.copyOf(subdirs);
        }
    }

    /** No ld.so.cache at {@code path} in {@code root}: ld.so skips the cache step. */
    record NoCache(String path, String root) implements SearchNote {
    }

    /** The ld.so.cache read: its entries and format. */
    record CacheRead(String path, int entries, String format) implements SearchNote {
    }

    /** The ld.so.cache could not be used. */
    record CacheIgnored(String path, String detail) implements SearchNote {
    }

    /** The loader ({@code rules}) refused {@code path}: nothing after it is loaded, and the program does not start. */
    record LoaderStopped(String rules, String path, LoadRefusal refusal) implements SearchNote {
    }

    /** The search list of {@code requester} names more than {@code max} distinct directories; {@code dropped} left out. */
    record SearchListCut(String requester, int max, int dropped) implements SearchNote {
    }

    /** musl's system search path, from its path file. */
    record MuslPathFile(String file) implements SearchNote {
    }

    /** musl's path file is there but cannot be read: musl searches no system directories. */
    record MuslPathFileUnreadable(String file) implements SearchNote {
    }

    /** musl's path file is longer than elfmap reads: only the first {@code kept} directories are searched. */
    record MuslPathFileCut(String file, int maxBytes, int maxDirs, int kept) implements SearchNote {
    }

    /** No musl path file: musl's default path. */
    record MuslDefaultPath(String file, String path) implements SearchNote {
    }
}
