package org.elfmap.deps;

import java.util.Optional;

/** Why a DT_NEEDED name (or the PT_INTERP) was not loaded; the words are {@code output.Words}'. */
public sealed interface Unloadable {
    /** glibc: the name's dynamic string token expanded to nothing ({@code elf/dl-deps.c} {@code expand_dst}). */
    record EmptyTokenSubstitution(String name) implements Unloadable {
    }

    /** Not searched: the resolution looked for {@code max} files, its bound ({@link SearchBounds#MAX_LOOKUPS}). */
    record LookupBound(int max) implements Unloadable {
    }

    /** The file found is no loadable ELF: glibc's {@code open_verify} and musl's {@code map_library} end the search. */
    record NotLoadable(String path, String detail) implements Unloadable {
    }

    /** musl takes the first file it can open ({@code rules}), and this one is for another kind of process. */
    record TakenButForeign(String path, Mismatch mismatch, String rules) implements Unloadable {
    }

    /** glibc found no file; {@code foreign}: why the last file it skipped did not fit, when it skipped any. */
    record NotFound(Optional<Mismatch> foreign) implements Unloadable {
    }

    /** musl found no file: {@code No such file or directory}. */
    record NoSuchFile() implements Unloadable {
    }

    /** Found, opened, refused: the loading stops. */
    record Refused(LoadRefusal refusal) implements Unloadable {
    }

    /** The PT_INTERP is not there: the kernel refuses to start the program (ENOENT). */
    record InterpreterMissing() implements Unloadable {
    }

    /** The PT_INTERP is no loadable ELF file. */
    record InterpreterNotLoadable(String detail) implements Unloadable {
    }

    /** The PT_INTERP is for another kind of process. */
    record InterpreterForeign(Mismatch mismatch) implements Unloadable {
    }
}
