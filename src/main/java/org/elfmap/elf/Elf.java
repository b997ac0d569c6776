package org.elfmap.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.space.RawNames;

/**
 * Reads the parts of an ELF file that loaders use. Only the needed ranges are read, and every
 * offset, size and count is checked against the file before it is used: a header field is a
 * claim, not a fact. Anything inconsistent becomes an {@link ElfFormatException} naming the file
 * and the offset.
 */
public final class Elf {
    private static final int MAX_INTERP = SegmentRules.MAX_INTERP;
    /** Notes beyond this many bytes per PT_NOTE are not read: loaders only look at small ones. */
    private static final int MAX_NOTE_BYTES = 64 * 1024;
    private static final int MAX_NOTE_DESC = 64;
    /** Owner names are short ("GNU", "Android", "FreeBSD"); longer ones are kept cut to this. */
    private static final int MAX_NOTE_NAME = 256;
    /**
     * Notes kept, and note bytes read, for the whole file: real files have a few hundred bytes of
     * notes, but 65535 PT_NOTE headers pointing at the same 64 KiB would otherwise be 350 million
     * notes (found by MalformedElfTest: the JVM ran out of heap).
     */
    static final int MAX_NOTES = 1024;
    private static final long MAX_NOTE_BYTES_TOTAL = 1 << 20;
    /** Program headers accepted through PN_XNUM: see {@link SegmentRules#MAX_PHNUM}. */
    private static final int MAX_PHNUM = SegmentRules.MAX_PHNUM;
    /** A dynamic section this large is garbage, not a real one (glibc's own has ~40 entries). */
    private static final long MAX_DYNAMIC_BYTES = 1 << 20;
    private static final int PN_XNUM = 0xffff;

    private Elf() {
    }

    /** Reads {@code path}; I/O problems (missing, directory, permission) become one-line errors. */
    public static ElfFile read(Path path) {
        String name = RawNames.shown(path);
        try {
            // one stat for what the file is (layout @LIST reads thousands: three stats each were
            // ~5 % of the run)
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new ElfFormatException(name, "is a directory, not an ELF file");
            }
            if (!a.isRegularFile()) {
                // opening a FIFO blocks until someone writes to it; a device has no size to check against
                throw new ElfFormatException(name, "is not a regular file (a FIFO, socket or device)");
            }
        } catch (IOException e) {
            // missing, denied, a link loop, a path through a file (JDK 25 says ENOTDIR as "no such
            // file" here): the open below says what it is, in the words it always used
        }
        try (FileByteSource src = FileByteSource.open(path, name)) {
            return read(src);
        } catch (NoSuchFileException e) {
            throw new ElfFormatException(name, "no such file");
        } catch (AccessDeniedException e) {
            throw new ElfFormatException(name, "permission denied");
        } catch (java.nio.file.FileSystemException e) {
            // the system's reason alone ("Too many levels of symbolic links"): the path is named already
            throw new ElfFormatException(name, "cannot read: " + (e.getReason() != null ? e.getReason() : e.getMessage()));
        } catch (IOException e) {
            throw new ElfFormatException(name, "cannot read: " + e.getMessage());
        }
    }

    /** True when the source starts with the ELF magic; cheap, for scanning trees and archives. */
    public static boolean hasMagic(ByteSource src) throws IOException {
        if (src.size() < 4) {
            return false;
        }
        ByteBuffer b = src.read(0, 4);
        return b.get(0) == 0x7f && b.get(1) == 'E' && b.get(2) == 'L' && b.get(3) == 'F';
    }

    public static ElfFile read(ByteSource src) throws IOException {
        return new Reader(src).read();
    }

    /** One read of one file: keeps the source, its name and byte order together. */
    private static final class Reader {
        private final ByteSource src;
        private final String name;
        private final long size;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        private boolean is64;

        Reader(ByteSource src) {
            this.src = src;
            this.name = src.name();
            this.size = src.size();
        }

        ElfFile read() throws IOException {
            ElfHeader h = header();
            List<ProgramHeader> phdrs = programHeaders(h);
            Optional<String> interp = interpreter(phdrs);
            List<Note> notes = notes(phdrs);
            Optional<DynamicInfo> dyn = dynamic(phdrs);
            try {
                return new ElfFile(name, size, h, phdrs, interp, notes, dyn);
            } catch (ElfFormatException e) {
                if (e.programHeader().isPresent()) {
                    throw bad(headerAt(h, e.programHeader().getAsInt()), e.what());
                }
                throw e;
            }
        }

        private ElfFormatException bad(long offset, String what) {
            return ElfFormatException.at(name, offset, what);
        }

        /** Reads {@code length} bytes at {@code offset} after checking the range lies in the file. */
        private ByteBuffer bytes(long offset, long length, String what) throws IOException {
            if (offset < 0 || length < 0 || offset > size || length > size - offset) {
                throw bad(offset, what + " (" + length + " bytes) lies past the end of the "
                        + size + "-byte file");
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw bad(offset, what + " is too large to read (" + length + " bytes)");
            }
            return src.read(offset, (int) length).order(order);
        }

        private ElfHeader header() throws IOException {
            if (size == 0) {
                throw new ElfFormatException(name, "empty file, not ELF");
            }
            ByteBuffer ident = bytes(0, Math.min(size, 16), "ELF identification");
            if (size < 4 || ident.get(0) != 0x7f || ident.get(1) != 'E' || ident.get(2) != 'L'
                    || ident.get(3) != 'F') {
                throw new ElfFormatException(name, "not an ELF file (no \\x7fELF magic)");
            }
            if (size < 16) {
                throw new ElfFormatException(name, "truncated ELF file: " + size + " bytes, "
                        + "shorter than the 16-byte identification");
            }
            int cls = ident.get(4) & 0xff;
            int data = ident.get(5) & 0xff;
            if (cls != 1 && cls != 2) {
                throw bad(4, "unknown ELF class " + cls + " (expected 1 for ELF32 or 2 for ELF64)");
            }
            if (data != 1 && data != 2) {
                throw bad(5, "unknown ELF data encoding " + data + " (expected 1 little- or 2 big-endian)");
            }
            is64 = cls == 2;
            order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            int ehsize = is64 ? 64 : 52;
            if (size < ehsize) {
                throw new ElfFormatException(name, "truncated ELF file: " + size + " bytes, "
                        + "shorter than the " + ehsize + "-byte ELF" + (is64 ? "64" : "32") + " header");
            }
            ByteBuffer b = bytes(0, ehsize, "ELF header");
            int osAbi = b.get(7) & 0xff;
            int type = b.getShort(16) & 0xffff;
            int machine = b.getShort(18) & 0xffff;
            long entry = is64 ? b.getLong(24) : Integer.toUnsignedLong(b.getInt(24));
            long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
            long shoff = is64 ? b.getLong(40) : Integer.toUnsignedLong(b.getInt(32));
            int flags = b.getInt(is64 ? 48 : 36);
            int base = is64 ? 54 : 42;
            int phentsize = b.getShort(base) & 0xffff;
            int phnum = b.getShort(base + 2) & 0xffff;
            int shentsize = b.getShort(base + 4) & 0xffff;
            int shnum = b.getShort(base + 6) & 0xffff;
            if (phnum == PN_XNUM) {
                phnum = extendedCount(shoff, shentsize, "e_phnum is PN_XNUM (0xffff)");
            }
            return new ElfHeader(is64 ? 64 : 32, order, osAbi, type, machine, entry, phoff, shoff,
                    flags, phentsize, phnum, shentsize, shnum);
        }

        /** PN_XNUM: the real count is {@code sh_info} of section header 0 (gABI "Sections"). */
        private int extendedCount(long shoff, int shentsize, String why) throws IOException {
            int need = is64 ? 64 : 40;
            if (shoff == 0) {
                throw bad(is64 ? 40 : 32, why + " but there is no section header 0 to hold the count");
            }
            if (shentsize < need) {
                throw bad(is64 ? 58 : 46, why + " but e_shentsize " + shentsize + " is too small");
            }
            ByteBuffer s = bytes(shoff, need, "section header 0 (holding the program header count)");
            long info = Integer.toUnsignedLong(s.getInt(is64 ? 44 : 28));
            if (info > MAX_PHNUM) {
                // before the table is read: its size is the count's
                throw bad(shoff, SegmentRules.tooManyHeaders(info + " from section header 0"));
            }
            return (int) info;
        }

        private List<ProgramHeader> programHeaders(ElfHeader h) throws IOException {
            int phnum = h.phnum();
            if (phnum == 0) {
                return List.of();
            }
            int expected = is64 ? 56 : 32;
            if (h.phentsize() != expected) {
                throw bad(is64 ? 54 : 42, "e_phentsize is " + h.phentsize() + ", expected " + expected
                        + " for ELF" + (is64 ? "64" : "32"));
            }
            long table = (long) phnum * expected;
            ByteBuffer b = bytes(h.phoff(), table, "program header table of " + phnum + " entries");
            List<ProgramHeader> out = new ArrayList<>(phnum);
            for (int i = 0; i < phnum; i++) {
                int o = i * expected;
                ProgramHeader p;
                if (is64) {
                    p = new ProgramHeader(i, b.getInt(o), b.getInt(o + 4), b.getLong(o + 8),
                            b.getLong(o + 16), b.getLong(o + 24), b.getLong(o + 32), b.getLong(o + 40),
                            b.getLong(o + 48));
                } else {
                    p = new ProgramHeader(i, b.getInt(o), b.getInt(o + 24), u32(b, o + 4), u32(b, o + 8),
                            u32(b, o + 12), u32(b, o + 16), u32(b, o + 20), u32(b, o + 28));
                }
                out.add(p); // checked by ElfFile's constructor (SegmentRules)
            }
            return out;
        }

        private static long u32(ByteBuffer b, int at) {
            return Integer.toUnsignedLong(b.getInt(at));
        }

        private long headerAt(ElfHeader h, int index) {
            return h.phoff() + (long) index * (is64 ? 56 : 32);
        }

        private Optional<String> interpreter(List<ProgramHeader> phdrs) throws IOException {
            for (ProgramHeader p : phdrs) {
                if (p.type() != ProgramHeader.PT_INTERP) {
                    continue;
                }
                if (Long.compareUnsigned(p.filesz(), MAX_INTERP) > 0) {
                    // before it is read: its size is the header's
                    throw bad(p.offset(), "PT_INTERP: " + SegmentRules.interpreterTooLong(p.filesz()));
                }
                ByteBuffer b = bytes(p.offset(), p.filesz(), "PT_INTERP");
                return Optional.of(cString(b, 0, b.limit()));
            }
            return Optional.empty();
        }

        private List<Note> notes(List<ProgramHeader> phdrs) throws IOException {
            List<Note> out = new ArrayList<>();
            long budget = MAX_NOTE_BYTES_TOTAL;
            for (ProgramHeader p : phdrs) {
                if (p.type() != ProgramHeader.PT_NOTE || p.filesz() == 0) {
                    continue;
                }
                if (budget <= 0 || out.size() >= MAX_NOTES) {
                    break; // enough: see MAX_NOTES
                }
                long len = Math.min(Long.compareUnsigned(p.filesz(), MAX_NOTE_BYTES) > 0 ? MAX_NOTE_BYTES : p.filesz(),
                        Math.max(0, size - p.offset()));
                if (p.offset() < 0 || p.offset() >= size) {
                    throw bad(p.offset(), "PT_NOTE " + p.index() + " starts past the end of the file");
                }
                len = Math.min(len, budget);
                budget -= len;
                ByteBuffer b = bytes(p.offset(), len, "PT_NOTE");
                int align = p.align() == 8 ? 8 : 4;
                int pos = 0;
                while (pos + 12 <= b.limit() && out.size() < MAX_NOTES) {
                    long namesz = u32(b, pos);
                    long descsz = u32(b, pos + 4);
                    int type = b.getInt(pos + 8);
                    long nameAt = pos + 12L;
                    long descAt = nameAt + alignUp(namesz, align);
                    long next = descAt + alignUp(descsz, align);
                    if (descAt + descsz > b.limit() || nameAt + namesz > b.limit()) {
                        break; // a note cut short: loaders skip it, so do we
                    }
                    String owner = cString(b, (int) nameAt, (int) Math.min(namesz, MAX_NOTE_NAME));
                    byte[] desc = new byte[(int) Math.min(descsz, MAX_NOTE_DESC)];
                    b.get((int) descAt, desc);
                    out.add(new Note(owner, type, desc));
                    pos = (int) next;
                }
            }
            return out;
        }

        private static long alignUp(long v, int a) {
            return (v + a - 1) & -a;
        }

        private Optional<DynamicInfo> dynamic(List<ProgramHeader> phdrs) throws IOException {
            ProgramHeader dyn = null;
            for (ProgramHeader p : phdrs) {
                if (p.type() == ProgramHeader.PT_DYNAMIC) {
                    dyn = p;
                    break;
                }
            }
            if (dyn == null || dyn.filesz() == 0) {
                return Optional.empty();
            }
            int ent = is64 ? 16 : 8;
            if (Long.compareUnsigned(dyn.filesz(), MAX_DYNAMIC_BYTES) > 0) {
                throw bad(dyn.offset(), "PT_DYNAMIC of " + Long.toUnsignedString(dyn.filesz()) + " bytes is absurd");
            }
            ByteBuffer b = bytes(dyn.offset(), dyn.filesz(), "PT_DYNAMIC");
            List<Long> neededAt = new ArrayList<>();
            long soname = -1;
            long rpath = -1;
            long runpath = -1;
            long strtab = -1;
            long strsz = -1;
            long flags = 0;
            long flags1 = 0;
            boolean textrel = false;
            boolean terminated = false;
            int count = (int) (dyn.filesz() / ent);
            for (int i = 0; i < count; i++) {
                long tag = is64 ? b.getLong(i * ent) : b.getInt(i * ent);
                long val = is64 ? b.getLong(i * ent + 8) : u32(b, i * ent + 4);
                if (tag == DynamicInfo.DT_NULL) {
                    terminated = true;
                    break;
                }
                if (tag == DynamicInfo.DT_NEEDED) {
                    neededAt.add(val);
                } else if (tag == DynamicInfo.DT_SONAME) {
                    soname = val;
                } else if (tag == DynamicInfo.DT_RPATH) {
                    rpath = val;
                } else if (tag == DynamicInfo.DT_RUNPATH) {
                    runpath = val;
                } else if (tag == DynamicInfo.DT_STRTAB) {
                    strtab = val;
                } else if (tag == DynamicInfo.DT_STRSZ) {
                    strsz = val;
                } else if (tag == DynamicInfo.DT_FLAGS) {
                    flags = val;
                } else if (tag == DynamicInfo.DT_FLAGS_1) {
                    flags1 = val;
                } else if (tag == DynamicInfo.DT_TEXTREL) {
                    textrel = true;
                }
            }
            if (!terminated) {
                throw bad(dyn.offset(), "PT_DYNAMIC has no DT_NULL terminator within its "
                        + dyn.filesz() + " bytes");
            }
            boolean anyString = !neededAt.isEmpty() || soname >= 0 || rpath >= 0 || runpath >= 0;
            if (!anyString) {
                return Optional.of(new DynamicInfo(List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), flags, flags1, textrel || (flags & DynamicInfo.DF_TEXTREL) != 0));
            }
            Strings strings = stringTable(phdrs, dyn, strtab, strsz);
            strings.prefetch(neededAt, soname, rpath, runpath);
            List<String> needed = new ArrayList<>(neededAt.size());
            for (long at : neededAt) {
                needed.add(strings.at(at, "DT_NEEDED"));
            }
            return Optional.of(new DynamicInfo(needed,
                    soname >= 0 ? Optional.of(strings.at(soname, "DT_SONAME")) : Optional.empty(),
                    rpath >= 0 ? Optional.of(strings.at(rpath, "DT_RPATH")) : Optional.empty(),
                    runpath >= 0 ? Optional.of(strings.at(runpath, "DT_RUNPATH")) : Optional.empty(),
                    flags, flags1, textrel || (flags & DynamicInfo.DF_TEXTREL) != 0));
        }

        /** DT_STRTAB is an address: find the PT_LOAD whose file image holds it. */
        private Strings stringTable(List<ProgramHeader> phdrs, ProgramHeader dyn, long strtab, long strsz)
                throws IOException {
            if (strtab < 0 || strtab == -1) {
                throw bad(dyn.offset(), "PT_DYNAMIC names strings but has no DT_STRTAB");
            }
            for (ProgramHeader p : phdrs) {
                if (!p.isLoad()) {
                    continue;
                }
                long delta = strtab - p.vaddr();
                if (Long.compareUnsigned(strtab, p.vaddr()) >= 0 && Long.compareUnsigned(delta, p.filesz()) < 0) {
                    long fileOff = p.offset() + delta;
                    long avail = p.filesz() - delta;
                    long len = strsz >= 0 && Long.compareUnsigned(strsz, avail) <= 0 ? strsz : avail;
                    len = Math.min(len, Math.min(MAX_DYNAMIC_BYTES * 16, size - fileOff));
                    return new Strings(fileOff, len);
                }
            }
            throw bad(dyn.offset(), "DT_STRTAB 0x" + Long.toHexString(strtab)
                    + " is not inside the file image of any PT_LOAD");
        }

        /**
         * The dynamic string table, read by window: a library's table holds every symbol name
         * (megabytes for large C++ libraries) while the loader needs a few names, so only the
         * span around the names asked for is read.
         */
        private final class Strings {
            /** Names longer than this are read again on their own (rare: long RUNPATHs). */
            private static final int NAME_GUESS = 256;
            /** A prefetch spanning more than this is not worth one read; names are read one by one. */
            private static final int MAX_WINDOW = 64 * 1024;
            /**
             * Longer than any name or path list a loader uses (PATH_MAX is 4096; long Nix RUNPATHs
             * stay far below), and the most name bytes one file may return: 65535 DT_NEEDED entries
             * naming one 1 MB string were 65 GB of names (found by MalformedElfTest: timed out).
             */
            private static final int MAX_NAME = 64 * 1024;
            private static final long MAX_NAMES_TOTAL = 1 << 20;
            private final long fileOffset;
            private final long length;
            private ByteBuffer window;
            private long windowStart;
            private long returned;

            Strings(long fileOffset, long length) {
                this.fileOffset = fileOffset;
                this.length = length;
            }

            /** One read covering all the offsets (values of -1 are absent), when they lie close. */
            void prefetch(List<Long> needed, long soname, long rpath, long runpath) throws IOException {
                long lo = Long.MAX_VALUE;
                long hi = -1;
                for (long at : needed) {
                    lo = Math.min(lo, at);
                    hi = Math.max(hi, at);
                }
                for (long at : new long[] {soname, rpath, runpath}) {
                    if (at >= 0) {
                        lo = Math.min(lo, at);
                        hi = Math.max(hi, at);
                    }
                }
                if (lo < 0 || lo >= length || hi < 0) {
                    return;
                }
                long end = Math.min(length, Math.min(hi, length) + NAME_GUESS);
                if (end - lo <= MAX_WINDOW) {
                    window = bytes(fileOffset + lo, end - lo, "dynamic string table");
                    windowStart = lo;
                }
            }

            String at(long offset, String tag) throws IOException {
                String s = read(offset, tag);
                returned += s.length();
                if (returned > MAX_NAMES_TOTAL) {
                    throw bad(fileOffset, "the dynamic section's names add up to more than " + MAX_NAMES_TOTAL
                            + " bytes (" + tag + " at string offset 0x" + Long.toHexString(offset) + ")");
                }
                return s;
            }

            private String read(long offset, String tag) throws IOException {
                if (offset < 0 || offset >= length) {
                    throw bad(fileOffset, tag + " string offset 0x" + Long.toHexString(offset)
                            + " is outside the " + length + "-byte string table");
                }
                if (window != null && offset >= windowStart) {
                    String s = terminated(window, (int) (offset - windowStart));
                    if (s != null) {
                        return s;
                    }
                }
                long want = NAME_GUESS;
                while (true) {
                    long n = Math.min(want, length - offset);
                    ByteBuffer b = bytes(fileOffset + offset, n, "dynamic string table");
                    String s = terminated(b, 0);
                    if (s != null) {
                        return s;
                    }
                    if (n == length - offset) {
                        throw bad(fileOffset + offset, tag + " string is not NUL-terminated inside the string table");
                    }
                    if (n > MAX_NAME) {
                        throw bad(fileOffset + offset, tag + " string at 0x" + Long.toHexString(offset)
                                + " is longer than " + MAX_NAME + " bytes, more than any name or path list");
                    }
                    want = Math.min(want * 16, MAX_NAME + 1L);
                }
            }

            /** The NUL-terminated string at {@code at}, or null when no NUL follows in {@code b}. */
            private String terminated(ByteBuffer b, int at) {
                int end = at;
                while (end < b.limit() && b.get(end) != 0) {
                    end++;
                }
                return end < b.limit() ? cString(b, at, end - at) : null;
            }
        }

        private static String cString(ByteBuffer b, int at, int max) {
            int end = at;
            while (end < at + max && end < b.limit() && b.get(end) != 0) {
                end++;
            }
            byte[] s = new byte[end - at];
            b.get(at, s);
            return new String(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
