package org.elfmap.deps;

import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.elf.DynamicInfo;
import org.elfmap.elf.ElfFile;

/**
 * An object while the closure is being resolved: what the search rules need to know about the
 * object that asks for a library ({@code struct link_map} in glibc, {@code struct dso} in musl).
 *
 * @param path   the path as the loader names it
 * @param file   the host file behind it (inside the sysroot)
 * @param origin what {@code $ORIGIN} is for this object: the program's real directory
 *               ({@code /proc/self/exe}), a library's directory as found
 * @param loader the object whose DT_NEEDED first brought this one in ({@code l_loader},
 *               {@code needed_by}); empty for the program and its interpreter
 */
record Node(int index, String path, Path file, ElfFile elf, Found found, Optional<Node> loader,
            Optional<String> origin) {

    DynamicInfo dynamic() {
        return elf.dynamicOrEmpty();
    }
}
