package org.elfmap.loader;

import org.elfmap.space.PageSize;

import org.elfmap.elf.ElfFile;

/**
 * How one loader maps an ELF file's PT_LOAD segments. Each implementation transcribes its
 * loader's sequence of {@code mmap}/{@code mprotect} calls onto an {@link AddressSpace}; the
 * Javadoc of each names the source file it follows. See {@code docs/loaders.md} for the rules and
 * the observations on this machine that corrected them.
 */
public sealed interface LoaderModel
        permits GlibcModel, MuslModel, LinuxKernelModel, FreeBsdRtldModel, FreeBsdKernelModel,
        BionicModel {

    /** The name used by {@code --loader}. */
    String name();

    /** One line for {@code --help}: who uses this loader. */
    String summary();

    Layout layout(ElfFile elf, PageSize page);
}
