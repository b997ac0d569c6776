package org.elfmap.deps;

import java.util.List;
import java.util.Optional;
import org.elfmap.elf.ElfFile;

/**
 * How one dynamic linker turns a DT_NEEDED name into a file: which names it already knows, what
 * it does with names containing '/', and the directories it searches in order. The program's
 * PT_INTERP decides which rules apply.
 */
sealed interface SearchRules permits GlibcRules, MuslRules {

    /** {@code glibc} or {@code musl}. */
    String name();

    /** The name after token expansion, or empty when the loader gives up on it (with the reason). */
    Expanded expand(String name, Node requester);

    /** An object that {@code name} denotes without a search (musl: its libc names), by index. */
    Optional<Integer> reserved(String name);

    /**
     * The search steps for a name without '/' that {@code requester} needs, in order. They depend
     * on the requester only, never on the name: the resolver plans once per requester.
     */
    List<SearchStep> plan(Node requester);

    /** The names a newly loaded object is known by afterwards, for later DT_NEEDED entries. */
    List<String> namesOf(Node loaded, String requestedName);

    /** glibc's open_verify skips files of another class or machine; musl fails on the first file it opens. */
    boolean skipsForeignFiles();

    /**
     * Why the loader refuses a file it found and opened, or empty. A refusal is fatal: the loader
     * reports it and stops ({@code _dl_signal_error}), it does not search on.
     */
    Optional<LoadRefusal> refuses(ElfFile elf);

    /** Why a name was not found: nothing there, or ({@code foreign}) only files for another kind of process. */
    Unloadable notFound(Optional<Mismatch> foreign);

    /** Facts about the search worth showing with the tree (where default dirs came from...). */
    List<SearchNote> notes();

    /** A DT_NEEDED name after expansion: the name to look up, or why it cannot be. */
    record Expanded(Optional<String> name, Optional<Unloadable> problem) {
        static Expanded of(String n) {
            return new Expanded(Optional.of(n), Optional.empty());
        }

        static Expanded failed(Unloadable why) {
            return new Expanded(Optional.empty(), Optional.of(why));
        }
    }
}
