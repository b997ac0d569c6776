package org.elfmap.elf;

import java.util.List;
import java.util.Optional;

/**
 * An ELF file as the loaders see it: header, every program header in file order, the
 * interpreter, notes and the dynamic section. Immutable; produced by {@link Elf#read} or
 * {@link ProgramHeaderListing#parse}, and checked by {@link SegmentRules} whoever builds it: an
 * {@code ElfFile} whose segments no loader could map does not exist.
 *
 * @param name what to call the file in output (path, or {@code archive!/entry})
 * @param size the file's size in bytes
 */
public record ElfFile(
        String name,
        long size,
        ElfHeader header,
        List<ProgramHeader> programHeaders,
        Optional<String> interpreter,
        List<Note> notes,
        Optional<DynamicInfo> dynamic) {

    public ElfFile {
        programHeaders = List.copyOf(programHeaders);
        notes = List.copyOf(notes);
        Optional<String> bad = SegmentRules.problem(header, programHeaders, size, interpreter);
        if (bad.isPresent()) {
            throw new ElfFormatException(name, bad.get());
        }
    }

    /** PT_LOAD headers in file order. */
    public List<ProgramHeader> loads() {
        return programHeaders.stream().filter(ProgramHeader::isLoad).toList();
    }

    public Optional<ProgramHeader> first(int type) {
        return programHeaders.stream().filter(p -> p.type() == type).findFirst();
    }

    public boolean hasNote(String owner, int type) {
        return notes.stream().anyMatch(n -> n.is(owner, type));
    }

    public DynamicInfo dynamicOrEmpty() {
        return dynamic.orElse(DynamicInfo.NONE);
    }

    public Optional<String> soname() {
        return dynamic.flatMap(DynamicInfo::soname);
    }
}
