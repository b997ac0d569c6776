package org.elfmap.pages;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A test oracle: Android's own 16 KiB checks transcribed from their sources, line by line, on raw
 * bytes, with nothing from elfmap's ELF reader or rules. Two sources:
 * <ul>
 * <li>the platform's ELF policy, AOSP {@code elfpolicy/elf_policy.cpp} (namespace
 *     {@code android::elfpolicy}, 2025; used by PackageManager since Android 16, by the {@code aac}
 *     App Alignment Checker and by the VTS 16 KiB tests): {@code VerifyLoadSegmentsAlignment},
 *     {@code VerifyRelroSegments}, {@code VerifyRelroSegment}, {@code RelroLoadSegment},
 *     {@code RelroIsEntireLoadSegment}, {@code RelroStartIsValid}, {@code RelroEndIsValid}; the
 *     minimum alignment is elfutils' {@code ElfFileImpl::getMinLoadSegmentAlignment} ({@code int64_t});
 * <li>Android Studio's {@code sdk-common/src/main/java/com/android/ide/common/pagealign/PageAlignUtils.kt}
 *     (platform/tools/base): {@code verifyElfSectionAlignment}, {@code relroIsEntireLoadSection},
 *     {@code findElfFile16kAlignmentInfo} (16 KiB fixed, 64-bit little-endian files only).
 * </ul>
 */
final class AndroidOracle {
    static final int PT_LOAD = 1;
    static final int PT_GNU_RELRO = 0x6474e552;

    /** What {@code elfpolicy} answers: the two checks, and the RELRO warning it leaves in errorMsg on success. */
    record ElfPolicy(boolean loadSegmentsAligned, boolean relroValid, Optional<String> relroMessage) {
        boolean passes() {
            return loadSegmentsAligned && relroValid;
        }
    }

    record Phdr(int type, long offset, long vaddr, long filesz, long memsz, long align) {
        long end() {
            return vaddr + memsz;
        }
    }

    record Shdr(long addr, long size) {
    }

    record Parsed(boolean is64, List<Phdr> phdrs, List<Shdr> shdrs) {
    }

    private AndroidOracle() {
    }

    /** Program and section headers of an ELF file of either class and byte order; unreadable section headers are none. */
    static Parsed parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean is64 = bytes[4] == 2;
        long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
        long shoff = is64 ? b.getLong(40) : Integer.toUnsignedLong(b.getInt(32));
        int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(b.getShort(is64 ? 56 : 44));
        int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 58 : 46));
        int shnum = Short.toUnsignedInt(b.getShort(is64 ? 60 : 48));
        List<Phdr> phdrs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            phdrs.add(is64
                    ? new Phdr(b.getInt(at), b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 32), b.getLong(at + 40), b.getLong(at + 48))
                    : new Phdr(b.getInt(at), u32(b, at + 4), u32(b, at + 8), u32(b, at + 16), u32(b, at + 20), u32(b, at + 28)));
        }
        List<Shdr> shdrs = new ArrayList<>();
        if (shoff != 0 && shoff + (long) shnum * shentsize <= bytes.length) {
            for (int i = 0; i < shnum; i++) {
                int at = (int) (shoff + (long) i * shentsize);
                shdrs.add(is64 ? new Shdr(b.getLong(at + 16), b.getLong(at + 32)) : new Shdr(u32(b, at + 12), u32(b, at + 20)));
            }
        }
        return new Parsed(is64, phdrs, shdrs);
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    /** {@code VerifyLoadSegmentsAlignment} and {@code VerifyRelroSegments} at {@code pageSize}. */
    static ElfPolicy elfpolicy(byte[] bytes, long pageSize) {
        Parsed f = parse(bytes);
        if (!f.is64()) {
            // "32-bit files are not subject to the 16k alignment requirement"; "RELRO segment checks are only for 64-bit files"
            return new ElfPolicy(true, true, Optional.empty());
        }
        // getMinLoadSegmentAlignment: the smallest p_align, as int64_t; no LOAD: passing
        Long minAlign = null;
        for (Phdr p : f.phdrs()) {
            if (p.type() == PT_LOAD && (minAlign == null || p.align() < minAlign)) {
                minAlign = p.align();
            }
        }
        boolean aligned = minAlign == null || minAlign >= pageSize;
        // VerifyRelroSegments: every PT_GNU_RELRO, the first failure ends it
        String message = null;
        for (Phdr relro : f.phdrs()) {
            if (relro.type() != PT_GNU_RELRO) {
                continue;
            }
            String[] msg = new String[1];
            boolean ok = verifyRelroSegment(f, relro, pageSize, msg);
            if (!ok) {
                return new ElfPolicy(aligned, false, Optional.of(msg[0]));
            }
            if (msg[0] != null) {
                message = msg[0];
            }
        }
        return new ElfPolicy(aligned, true, Optional.ofNullable(message));
    }

    private static boolean verifyRelroSegment(Parsed f, Phdr relro, long pageSize, String[] msg) {
        if (relro.memsz() == 0) {
            msg[0] = "RELRO segment's mem size cannot be zero.";
            return false;
        }
        Phdr load = relroLoadSegment(f, relro);
        if (load == null) {
            msg[0] = "RELRO not contained within any LOAD segment. Skipping check (likely obfuscated).";
            return true;
        }
        if (load.memsz() == 0) {
            msg[0] = "RELRO segment's corresponding LOAD segment mem size cannot be zero.";
            return false;
        }
        if (sameSections(f, relro, load)) {
            return true;
        }
        long relroStart = relro.vaddr();
        long relroEnd = relroStart + relro.memsz();
        // RelroStartIsValid / RelroEndIsValid (uint64_t %)
        if (!(Long.remainderUnsigned(relroStart, pageSize) == 0 || relroStart == load.vaddr())) {
            msg[0] = "RELRO is not a prefix and its start is not at least PAGE-aligned";
            return false;
        }
        if (!(Long.remainderUnsigned(relroEnd, pageSize) == 0 || relroEnd == load.vaddr() + load.memsz())) {
            msg[0] = "RELRO is not a suffix and its end is not at least PAGE-aligned";
            return false;
        }
        return true;
    }

    /** {@code RelroLoadSegment}: the first LOAD, sorted by vaddr, with relro_start >= its vaddr and relro_end <= the next one's. */
    private static Phdr relroLoadSegment(Parsed f, Phdr relro) {
        List<Phdr> loads = f.phdrs().stream().filter(p -> p.type() == PT_LOAD)
                .sorted(Comparator.comparing(Phdr::vaddr, Long::compareUnsigned)).toList();
        for (int i = 0; i < loads.size(); i++) {
            long next = i + 1 < loads.size() ? loads.get(i + 1).vaddr() : -1L; // UINT64_MAX
            if (Long.compareUnsigned(relro.vaddr(), loads.get(i).vaddr()) >= 0
                    && Long.compareUnsigned(relro.vaddr() + relro.memsz(), next) <= 0) {
                return loads.get(i);
            }
        }
        return null;
    }

    /** {@code RelroIsEntireLoadSegment}: the section headers inside each (sh_addr >= p_vaddr, sh_addr + sh_size <= p_vaddr + p_memsz) are the same. */
    private static boolean sameSections(Parsed f, Phdr relro, Phdr load) {
        return contained(f, relro).equals(contained(f, load));
    }

    private static List<Shdr> contained(Parsed f, Phdr seg) {
        return f.shdrs().stream()
                .filter(s -> Long.compareUnsigned(s.addr(), seg.vaddr()) >= 0
                        && Long.compareUnsigned(s.addr() + s.size(), seg.vaddr() + seg.memsz()) <= 0)
                .sorted(Comparator.comparing(Shdr::addr, Long::compareUnsigned)).toList();
    }

    /**
     * Android Studio's {@code verifyElfSectionAlignment}: problem names as its sealed class has them
     * ({@code LoadSectionNotAligned}, {@code RelroStartNotAligned}, {@code RelroEndNotAligned});
     * empty for a file it does not parse (not 64-bit little-endian). 16 KiB, always.
     */
    static List<String> pagealign(byte[] bytes) {
        if (bytes[4] != 2 || bytes[5] != 1) {
            return List.of();
        }
        final long k16 = 16 * 1024;
        Parsed f = parse(bytes);
        List<String> problems = new ArrayList<>();
        List<Phdr> loads = f.phdrs().stream().filter(p -> p.type() == PT_LOAD).toList();
        loads.stream().min(Comparator.comparingLong(Phdr::align)).ifPresent(min -> {
            if (min.align() % k16 != 0) {
                problems.add("LoadSectionNotAligned");
            }
        });
        List<Phdr> sorted = loads.stream().sorted(Comparator.comparingLong(Phdr::vaddr)).toList();
        for (Phdr relro : f.phdrs()) {
            if (relro.type() != PT_GNU_RELRO) {
                continue;
            }
            int loadIndex = -1; // indexOfLast { load.vaddr <= relro.vaddr }
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).vaddr() <= relro.vaddr()) {
                    loadIndex = i;
                }
            }
            if (loadIndex == -1) {
                problems.add("RelroStartNotAligned");
                continue;
            }
            Phdr load = sorted.get(loadIndex);
            long limit = loadIndex + 1 < sorted.size() ? sorted.get(loadIndex + 1).vaddr() : Long.MAX_VALUE;
            if (relro.end() > limit) {
                problems.add("RelroEndNotAligned");
                continue;
            }
            if (sameSections(f, relro, load)) {
                continue;
            }
            if (!(relro.vaddr() % k16 == 0 || relro.vaddr() == load.vaddr())) {
                problems.add("RelroStartNotAligned");
            }
            if (!(relro.end() % k16 == 0 || relro.end() == load.end())) {
                problems.add("RelroEndNotAligned");
            }
        }
        return problems;
    }
}
