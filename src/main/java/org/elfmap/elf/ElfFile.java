package org.elfmap.elf;

import java.util.ArrayList;
import java.util.Collections;
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
        Optional<SegmentRules.Problem> bad = SegmentRules.problem(header, programHeaders, size, interpreter);
        if (bad.isPresent()) {
            throw ElfFormatException.of(name, bad.get());
        }
    }

    /** A program header's type as readelf names it in this file (by its machine and OS ABI: {@link SegmentTypes}). */
    public String typeName(ProgramHeader p) {
        return SegmentTypes.name(p.type(), header.machine(), header.osAbi());
    }

    /** PT_LOAD headers in file order. */
    public List<ProgramHeader> loads() {
        // loops, not streams, here and below: these run several times per file, and a run over
        // thousands of files spends its start interpreting and compiling what they call
        List<ProgramHeader> out = new ArrayList<>();
        for (ProgramHeader p : programHeaders) {
            if (p.isLoad()) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public Optional<ProgramHeader> first(int type) {
        for (ProgramHeader p : programHeaders) {
            if (p.type() == type) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * How many bytes of a segment's file part {@code [p_offset, p_offset + p_filesz)} lie past the
     * end of the file (0 when it is all there). Loaders map them anyway: {@code mmap} does not look
     * at the file's size, and a page wholly past the end raises SIGBUS when touched.
     */
    public long bytesPastEnd(ProgramHeader p) {
        return Math.max(0, p.offset() + p.filesz() - size);
    }

    /**
     * The last program header of this type: what a loader that keeps one value per object, each
     * header overwriting it, ends up with.
     */
    public Optional<ProgramHeader> last(int type) {
        Optional<ProgramHeader> out = Optional.empty();
        for (ProgramHeader p : programHeaders) {
            if (p.type() == type) {
                out = Optional.of(p);
            }
        }
        return out;
    }

    public boolean hasNote(String owner, int type) {
        for (Note n : notes) {
            if (n.is(owner, type)) {
                return true;
            }
        }
        return false;
    }

    public DynamicInfo dynamicOrEmpty() {
        return dynamic.orElse(DynamicInfo.NONE);
    }

    public Optional<String> soname() {
        return dynamic.flatMap(DynamicInfo::soname);
    }
}
