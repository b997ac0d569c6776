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
     * Why the loader refuses a file it found and opened, in its own words, or empty. A refusal
     * is fatal: the loader reports it and stops ({@code _dl_signal_error}), it does not search on.
     */
    Optional<String> refuses(ElfFile elf);

    /** The loader's words for a name it could not find. */
    String notFound(Optional<String> foreign);

    /** Facts about the search worth showing with the tree (where default dirs came from...). */
    List<String> notes();

    /** A DT_NEEDED name after expansion: the name to look up, or why it cannot be. */
    record Expanded(Optional<String> name, String problem) {
        static Expanded of(String n) {
            return new Expanded(Optional.of(n), "");
        }

        static Expanded failed(String why) {
            return new Expanded(Optional.empty(), why);
        }
    }
}
