package org.elfmap.elf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.BadInputException;

/**
 * Program headers as {@code readelf -lW} or {@code objdump -x}/{@code -p} print them, read back into
 * an {@link ElfFile}: for when only a listing is at hand (the 2007 post worked from
 * {@code objdump -x} output; a bug report pastes {@code readelf -l}). Only what a loader model needs
 * is recovered: the headers, the file type and class where the listing says, the interpreter.
 * The file's size is taken as the end of its last segment, since the listing does not give it.
 *
 * <p>Recognised lines (anything else, such as section lists or the post's prose, is skipped):
 * <pre>
 *   LOAD  0x000000 0x0000000000000000 0x0000000000000000 0x0036c0 0x0036c0 R   0x1000   (readelf -lW)
 *   LOAD off 0x0000000000000000 vaddr 0x0000000000000000 paddr 0x0000000000000000 align 2**20
 *        filesz 0x00000000000d7051 memsz 0x00000000000d7051 flags r-x                   (objdump -x)
 * </pre>
 */
public final class ProgramHeaderListing {
    private static final String HEX = "0x([0-9a-fA-F]{1,16})";
    /** readelf prints a zero alignment as a bare {@code 0} (Go binaries' GNU_STACK, found over /usr). */
    private static final String ALIGN = "(?:0x)?([0-9a-fA-F]{1,16})";
    private static final Pattern READELF = Pattern.compile("^\\s*(\\S+)\\s+" + HEX + "\\s+" + HEX + "\\s+" + HEX + "\\s+"
            + HEX + "\\s+" + HEX + "\\s+([RWE ]{1,3}?)\\s+" + ALIGN + "\\s*$");
    private static final Pattern OBJDUMP_1 = Pattern.compile("^\\s*(\\S+)\\s+off\\s+" + HEX + "\\s+vaddr\\s+" + HEX
            + "\\s+paddr\\s+" + HEX + "\\s+align\\s+2\\*\\*(\\d{1,2})\\s*$");
    private static final Pattern OBJDUMP_2 = Pattern.compile("^\\s*filesz\\s+" + HEX + "\\s+memsz\\s+" + HEX
            + "\\s+flags\\s+([r-][w-][x-])\\s*$");
    private static final Pattern INTERP = Pattern.compile("\\[Requesting program interpreter: (.*)]");

    private static final Pattern SONAME = Pattern.compile("^\\s+SONAME\\s+(\\S+)\\s*$");

    private ProgramHeaderListing() {
    }

    /** A listing read back: the file as far as the listing tells, and its soname when shown (objdump -x). */
    public record Listing(ElfFile elf, Optional<String> soname) {
    }

    /** Whether these first lines look like a program-header listing rather than a memory map. */
    public static boolean looksLike(IntFunction<String> line, int lines) {
        for (int i = 0; i < lines; i++) {
            String l = line.apply(i);
            if (l == null) {
                return false;
            }
            if (l.startsWith("Program Header") || l.startsWith("Elf file type is") || l.contains("file format elf")
                    || READELF.matcher(l).matches() || OBJDUMP_1.matcher(l).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the listing's lines; {@code where} names the input in errors. Throws
     * {@link BadInputException} naming the line when a header line is cut short or garbled, when
     * a header breaks a rule every ELF file's headers keep ({@link SegmentRules}, the same checks
     * as for a file's bytes), when there are more headers than any file may have, or when there is
     * no program header at all.
     */
    public static Listing parse(Iterable<String> lines, String where) {
        List<ProgramHeader> headers = new ArrayList<>();
        List<Integer> headerLines = new ArrayList<>();
        Optional<String> soname = Optional.empty();
        Optional<String> interp = Optional.empty();
        int type = ElfHeader.ET_DYN; // the post's listings are libraries, and say nothing else
        int machine = 0;
        int elfClass = 0;
        int lineNo = 0;
        Matcher pending = null;
        int pendingLine = 0;
        for (String l : lines) {
            lineNo++;
            if (pending != null) {
                Matcher m2 = OBJDUMP_2.matcher(l);
                if (!m2.matches()) {
                    throw new BadInputException(where + ":" + lineNo, "expected objdump's 'filesz ... memsz ... flags'"
                            + " line after the header on line " + pendingLine);
                }
                int log2 = Integer.parseInt(pending.group(5));
                if (log2 > 62) {
                    throw new BadInputException(where + ":" + pendingLine, "alignment 2**" + log2
                            + " is larger than any address space");
                }
                headers.add(new ProgramHeader(headers.size(), type(pending.group(1), where, pendingLine),
                        flags(m2.group(3)), hex(pending.group(2)), hex(pending.group(3)), hex(pending.group(4)),
                        hex(m2.group(1)), hex(m2.group(2)), 1L << log2));
                headerLines.add(pendingLine);
                tooMany(headers, where, pendingLine);
                elfClass = Math.max(elfClass, pending.group(3).length() > 8 ? 64 : 32);
                pending = null;
                continue;
            }
            Matcher so = SONAME.matcher(l);
            if (so.matches()) {
                soname = Optional.of(so.group(1));
                continue;
            }
            Matcher i = INTERP.matcher(l);
            if (i.find()) {
                if (i.group(1).length() > SegmentRules.MAX_INTERP) {
                    throw new BadInputException(where + ":" + lineNo, SegmentRules.interpreterTooLong(i.group(1).length()));
                }
                interp = Optional.of(i.group(1));
                continue;
            }
            if (l.startsWith("Elf file type is ")) {
                type = l.contains("EXEC") ? ElfHeader.ET_EXEC : l.contains("DYN") ? ElfHeader.ET_DYN : type;
                continue;
            }
            if (l.contains("file format elf32")) {
                elfClass = 32;
            } else if (l.contains("file format elf64")) {
                elfClass = 64;
            }
            if (l.contains("file format ") || l.startsWith("architecture:")) {
                machine = machine != 0 ? machine : machineOf(l);
            }
            if (l.contains("EXEC_P")) {
                type = ElfHeader.ET_EXEC;
            }
            Matcher o = OBJDUMP_1.matcher(l);
            if (o.matches()) {
                pending = o;
                pendingLine = lineNo;
                continue;
            }
            Matcher r = READELF.matcher(l);
            if (r.matches()) {
                headers.add(new ProgramHeader(headers.size(), type(r.group(1), where, lineNo), readelfFlags(r.group(7)),
                        hex(r.group(2)), hex(r.group(3)), hex(r.group(4)), hex(r.group(5)), hex(r.group(6)),
                        hex(r.group(8))));
                headerLines.add(lineNo);
                tooMany(headers, where, lineNo);
                elfClass = Math.max(elfClass, r.group(3).length() > 8 ? 64 : 32);
            }
        }
        if (pending != null) {
            throw new BadInputException(where + ":" + pendingLine, "objdump header without its 'filesz ... memsz ..."
                    + " flags' line (the listing is cut short)");
        }
        if (headers.isEmpty()) {
            throw new BadInputException(where, "no program headers found (expected 'readelf -lW' or 'objdump -x' output)");
        }
        // the file the listing describes is as long as its furthest segment, of any type: one that
        // ends past 2^63 is no file's
        long size = 0;
        for (ProgramHeader h : headers) {
            if (h.offset() < 0 || h.filesz() < 0 || h.filesz() > Long.MAX_VALUE - h.offset()) {
                throw new BadInputException(where + ":" + headerLines.get(h.index()), "segment " + h.index()
                        + " ends past 2^63");
            }
            size = Math.max(size, h.offset() + h.filesz());
        }
        int cls = elfClass == 0 ? 64 : elfClass;
        ElfHeader header = new ElfHeader(cls, ByteOrder.LITTLE_ENDIAN, 0, type, machine, 0, 0,
                0, 0, 0, headers.size(), 0, 0);
        try {
            // the same rules as for a file's bytes (Elf), so a listing is refused where the file would be
            return new Listing(new ElfFile(where, size, header, headers, interp, List.of(), Optional.empty()), soname);
        } catch (ElfFormatException e) {
            if (e.programHeader().isPresent()) {
                throw new BadInputException(where + ":" + headerLines.get(e.programHeader().getAsInt()), e.what());
            }
            throw e;
        }
    }

    /** No more headers than a file may have ({@link SegmentRules#MAX_PHNUM}): the listing is read as it grows. */
    private static void tooMany(List<ProgramHeader> headers, String where, int lineNo) {
        if (headers.size() > SegmentRules.MAX_PHNUM) {
            throw new BadInputException(where + ":" + lineNo, SegmentRules.tooManyHeaders(headers.size() + " so far"));
        }
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }

    private static int type(String name, String where, int lineNo) {
        String n = name.toUpperCase(Locale.ROOT);
        return switch (n) {
            case "NULL" -> ProgramHeader.PT_NULL;
            case "LOAD" -> ProgramHeader.PT_LOAD;
            case "DYNAMIC" -> ProgramHeader.PT_DYNAMIC;
            case "INTERP" -> ProgramHeader.PT_INTERP;
            case "NOTE" -> ProgramHeader.PT_NOTE;
            case "SHLIB" -> ProgramHeader.PT_SHLIB;
            case "PHDR" -> ProgramHeader.PT_PHDR;
            case "TLS" -> ProgramHeader.PT_TLS;
            case "GNU_EH_FRAME", "EH_FRAME" -> ProgramHeader.PT_GNU_EH_FRAME;
            case "GNU_STACK", "STACK" -> ProgramHeader.PT_GNU_STACK;
            case "GNU_RELRO", "RELRO" -> ProgramHeader.PT_GNU_RELRO;
            case "GNU_PROPERTY" -> ProgramHeader.PT_GNU_PROPERTY;
            case "GNU_SFRAME" -> ProgramHeader.PT_GNU_SFRAME;
            default -> {
                // readelf's "0x%lx" for a type it has no name for; anything else that starts
                // so is not a number (ListingFuzzTest: "0x00-358" was a NumberFormatException)
                if (n.matches("0X[0-9A-F]{1,8}")) {
                    yield (int) Long.parseLong(n.substring(2), 16);
                }
                // LOOS+0x..., EXIDX, RISCV_ATTRIBUTES and the like: a type no loader maps
                yield 0x6fff0000;
            }
        };
    }

    private static int flags(String rwx) {
        return (rwx.charAt(0) == 'r' ? ProgramHeader.PF_R : 0) | (rwx.charAt(1) == 'w' ? ProgramHeader.PF_W : 0)
                | (rwx.charAt(2) == 'x' ? ProgramHeader.PF_X : 0);
    }

    private static int readelfFlags(String rwe) {
        return (rwe.indexOf('R') >= 0 ? ProgramHeader.PF_R : 0) | (rwe.indexOf('W') >= 0 ? ProgramHeader.PF_W : 0)
                | (rwe.indexOf('E') >= 0 ? ProgramHeader.PF_X : 0);
    }

    private static int machineOf(String l) {
        if (l.contains("x86-64")) {
            return Machines.EM_X86_64;
        }
        if (l.contains("i386")) {
            return Machines.EM_386;
        }
        if (l.contains("aarch64")) {
            return Machines.EM_AARCH64;
        }
        if (l.contains("arm")) {
            return Machines.EM_ARM;
        }
        return 0;
    }
}
