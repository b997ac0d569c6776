package org.elfmap.deps;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.elfmap.elf.ElfFile;

/**
 * One object of a program's closure: the program, its interpreter, or a library.
 *
 * @param index    position in load order (0 is the program)
 * @param path     the path as the loader names it ({@code ldd}'s right-hand side)
 * @param file     the file read (inside the sysroot)
 * @param found    where and why the loader found it
 * @param loadedBy the object whose DT_NEEDED brought it in
 * @param needs    its own DT_NEEDED entries, resolved
 */
public record LoadedObject(int index, String path, Path file, ElfFile elf, Found found, OptionalInt loadedBy,
                           List<Need> needs) {

    public LoadedObject {
        needs = List.copyOf(needs);
    }

    /** How images match objects: soname, else file name (contract: compare). */
    public String name() {
        return elf.soname().orElseGet(() -> {
            int slash = path.lastIndexOf('/');
            return slash >= 0 ? path.substring(slash + 1) : path;
        });
    }

    public boolean isProgram() {
        return found.via() == Via.PROGRAM;
    }

    public boolean isInterpreter() {
        return found.via() == Via.INTERPRETER;
    }
}
