package org.elfmap.deps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.elfmap.BadInputException;

/**
 * {@code /etc/ld.so.cache} as ldconfig writes it and ld.so reads it: glibc
 * {@code sysdeps/generic/dl-cache.h} ({@code struct cache_file_new}, {@code struct
 * file_entry_new}) and {@code elf/dl-cache.c} ({@code _dl_load_cache_lookup},
 * {@code search_cache}). The current format starts {@code glibc-ld.so.cache1.1}: a 48-byte
 * header (entry count, string table size, an endianness flag byte, the extension offset), 24-byte
 * entries {@code {int32 flags; uint32 key, value; uint32 osversion; uint64 hwcap}} and a string
 * table, offsets counted from the header's start. The old {@code ld.so-1.7.0} format (12-byte
 * entries), alone or followed by the new one, is read too.
 */
public final class LdSoCache {
    static final String MAGIC_NEW = "glibc-ld.so.cache1.1";
    static final String MAGIC_OLD = "ld.so-1.7.0";
    private static final int NEW_HEADER = 48;
    private static final int NEW_ENTRY = 24;
    private static final int OLD_HEADER = 16;
    private static final int OLD_ENTRY = 12;
    /** {@code cache_file_new_flags_endian_*}: 0 unset, 1 invalid, 2 little, 3 big. */
    private static final int ENDIAN_LITTLE = 2;
    private static final int ENDIAN_BIG = 3;

    /**
     * One library the cache knows.
     *
     * @param flags  {@code FLAG_ELF_LIBC6} (3) ored with the ABI ({@code FLAG_X8664_LIB64} 0x300...)
     * @param name   the soname it is looked up by
     * @param path   the file ldconfig found it in
     * @param hwcap  non-zero for glibc-hwcaps or legacy hwcap subdirectory entries
     */
    public record Entry(int flags, String name, String path, long osVersion, long hwcap) {
        /**
         * A glibc-hwcaps subdirectory entry: {@code DL_CACHE_HWCAP_EXTENSION} (bit 62) is the only
         * bit set in the upper half besides the ISA level bits ({@code dl_cache_hwcap_extension},
         * {@code sysdeps/generic/dl-cache.h}); the lower half indexes the hwcaps names.
         */
        public boolean namedHwcap() {
            return ((hwcap >>> 32) & ~ISA_LEVEL_MASK) == (HWCAP_EXTENSION >>> 32);
        }

        /** The x86 ISA level the library needs ({@code DL_CACHE_HWCAP_ISA_LEVEL_MASK} bits of the upper half). */
        int isaLevel() {
            return (int) ((hwcap >>> 32) & ISA_LEVEL_MASK);
        }
    }

    /**
     * What {@code search_cache} ({@code elf/dl-cache.c}) needs to know about the process to choose
     * among a name's entries.
     *
     * @param flagsAccepted   {@code _dl_cache_check_flags}
     * @param version         the loader's glibc release
     * @param hwcapsSubdirs   the supported glibc-hwcaps names, best first (priority 1, 2, ...)
     * @param isaLevels       x86 {@code cpu_features->isa_1}; -1: every level fits (other machines)
     * @param legacyHwcapBits {@code GLRO(dl_hwcap) & hwcap_mask}
     * @param platformMask    {@code _DL_HWCAP_PLATFORM}
     * @param platformBit     the bit of {@code $PLATFORM} within it; -1 when it has none
     */
    public record Selection(IntPredicate flagsAccepted, GlibcVersion version, List<String> hwcapsSubdirs,
                            int isaLevels, long legacyHwcapBits, long platformMask, long platformBit) {
        public Selection {
            hwcapsSubdirs = List.copyOf(hwcapsSubdirs);
        }
    }

    /** {@code DL_CACHE_HWCAP_EXTENSION}. */
    static final long HWCAP_EXTENSION = 1L << 62;
    /** {@code DL_CACHE_HWCAP_ISA_LEVEL_MASK}. */
    static final long ISA_LEVEL_MASK = (1 << 10) - 1;
    /** {@code _DL_HWCAP_TLS_MASK}: a {@code tls/} subdirectory entry. */
    static final long HWCAP_TLS = 1L << 63;
    /** {@code cache_extension_magic} and {@code cache_extension_tag_glibc_hwcaps}. */
    private static final int EXTENSION_MAGIC = -358342284;
    private static final int TAG_GLIBC_HWCAPS = 1;

    private final String file;
    private final String format;
    private final List<Entry> entries;
    private final List<String> hwcapsNames;

    private LdSoCache(String file, String format, List<Entry> entries, List<String> hwcapsNames) {
        this.file = file;
        this.format = format;
        this.entries = List.copyOf(entries);
        this.hwcapsNames = List.copyOf(hwcapsNames);
    }

    /** The glibc-hwcaps subdirectory names the cache's named entries refer to (its extension section). */
    public List<String> hwcapsNames() {
        return hwcapsNames;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** {@code glibc-ld.so.cache1.1} or {@code ld.so-1.7.0}. */
    public String format() {
        return format;
    }

    public String file() {
        return file;
    }

    /**
     * The entry ld.so takes for {@code name}, {@code search_cache} of {@code elf/dl-cache.c}
     * (glibc 2.36; 2.40 for the legacy change), over the entries of that name in the file's order
     * (ldconfig puts glibc-hwcaps entries first):
     * <ul>
     * <li>a glibc-hwcaps entry (2.33+) counts when its x86 ISA level is supported
     * ({@code dl_cache_hwcap_isa_level_compatible}) and its subdirectory is one the CPU supports;
     * the one of highest priority (earliest in {@code hwcapsSubdirs}) wins;</li>
     * <li>the first other entry ends the search, returning the best glibc-hwcaps entry if any;</li>
     * <li>a legacy hwcap entry ({@code tls/}, {@code x86_64/}...) counts before 2.40 when its
     * bits are among the process's ({@code hwcap_exclude}) and its platform bit, if any, is
     * {@code $PLATFORM}'s; from 2.40 it never counts.</li>
     * </ul>
     */
    public Optional<Entry> select(String name, Selection s) {
        Optional<Entry> best = Optional.empty();
        int bestPriority = 0;
        long exclude = ~(s.legacyHwcapBits() | s.platformMask() | HWCAP_TLS);
        for (Entry e : entries) {
            if (!sameName(name, e.name()) || !s.flagsAccepted().test(e.flags())) {
                continue;
            }
            boolean named = s.version().hasGlibcHwcaps() && e.namedHwcap();
            if (named && s.isaLevels() != -1 && ((1 << e.isaLevel()) & s.isaLevels()) != (1 << e.isaLevel())) {
                continue;
            }
            if (!named && best.isPresent()) {
                break;
            }
            if (!named) {
                if (!s.version().honoursLegacyCacheEntries() ? e.hwcap() != 0 : (e.hwcap() & exclude) != 0) {
                    continue;
                }
                long plat = e.hwcap() & s.platformMask();
                if (s.version().honoursLegacyCacheEntries() && plat != 0 && plat != s.platformBit()) {
                    continue;
                }
                return Optional.of(e);
            }
            int priority = priority(e, s.hwcapsSubdirs());
            if (priority == 0 || (best.isPresent() && priority >= bestPriority)) {
                continue;
            }
            bestPriority = priority;
            best = Optional.of(e);
        }
        return best;
    }

    /** {@code glibc_hwcaps_priority}: 1 for the best supported subdirectory, 0 for an unsupported one. */
    private int priority(Entry e, List<String> supported) {
        long index = e.hwcap() & 0xffffffffL;
        if (index >= hwcapsNames.size()) {
            return 0;
        }
        return supported.indexOf(hwcapsNames.get((int) index)) + 1;
    }

    /**
     * {@code _dl_cache_libcmp} equality: runs of digits compare as numbers, so
     * {@code libfoo.so.01} and {@code libfoo.so.1} are the same name to ld.so.
     */
    static boolean sameName(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                if (!stripZeros(a.substring(i, ei)).equals(stripZeros(b.substring(j, ej)))) {
                    return false;
                }
                i = ei;
                j = ej;
            } else if (x != y) {
                return false;
            } else {
                i++;
                j++;
            }
        }
        return i == a.length() && j == b.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    /**
     * Parses a cache file's bytes. {@code order} is used when the file does not say its byte
     * order (caches older than glibc 2.33 leave the flag unset).
     */
    public static LdSoCache parse(String file, byte[] bytes, ByteOrder order) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (startsWith(bytes, 0, MAGIC_NEW)) {
            return parseNew(file, b, 0, order);
        }
        if (startsWith(bytes, 0, MAGIC_OLD)) {
            b.order(order);
            if (bytes.length < OLD_HEADER) {
                throw bad(file, "truncated old-format header");
            }
            long nlibs = Integer.toUnsignedLong(b.getInt(12));
            long tableEnd = OLD_HEADER + nlibs * OLD_ENTRY;
            if (tableEnd > bytes.length) {
                throw bad(file, nlibs + " old-format entries run past the end of the " + bytes.length + "-byte file");
            }
            // glibc 2.2 to 2.31 append the new format after the old table, 8-byte aligned.
            long newAt = (tableEnd + 7) & -8L;
            if (newAt + NEW_HEADER <= bytes.length && startsWith(bytes, (int) newAt, MAGIC_NEW)) {
                return parseNew(file, b, (int) newAt, order);
            }
            return parseOld(file, b, (int) nlibs, (int) tableEnd);
        }
        throw bad(file, "not an ld.so.cache (no '" + MAGIC_NEW + "' or '" + MAGIC_OLD + "' magic)");
    }

    private static LdSoCache parseNew(String file, ByteBuffer b, int at, ByteOrder fallback) {
        int size = b.capacity();
        if (at + NEW_HEADER > size) {
            throw bad(file, "truncated header");
        }
        int endian = b.get(at + 28) & 3;
        ByteOrder order = endian == ENDIAN_LITTLE ? ByteOrder.LITTLE_ENDIAN
                : endian == ENDIAN_BIG ? ByteOrder.BIG_ENDIAN : fallback;
        b.order(order);
        long nlibs = Integer.toUnsignedLong(b.getInt(at + 20));
        long lenStrings = Integer.toUnsignedLong(b.getInt(at + 24));
        long tableEnd = at + NEW_HEADER + nlibs * NEW_ENTRY;
        if (tableEnd > size) {
            throw bad(file, nlibs + " entries run past the end of the " + size + "-byte file");
        }
        if (tableEnd + lenStrings > size) {
            throw bad(file, "string table of " + lenStrings + " bytes runs past the end of the file");
        }
        List<Entry> out = new ArrayList<>((int) nlibs);
        for (int i = 0; i < nlibs; i++) {
            int e = (int) (at + NEW_HEADER + (long) i * NEW_ENTRY);
            int flags = b.getInt(e);
            String key = string(file, b, at, Integer.toUnsignedLong(b.getInt(e + 4)));
            String value = string(file, b, at, Integer.toUnsignedLong(b.getInt(e + 8)));
            out.add(new Entry(flags, key, value, Integer.toUnsignedLong(b.getInt(e + 12)), b.getLong(e + 16)));
        }
        return new LdSoCache(file, MAGIC_NEW, out, hwcapsNames(b, Integer.toUnsignedLong(b.getInt(at + 32))));
    }

    private static LdSoCache parseOld(String file, ByteBuffer b, int nlibs, int strings) {
        List<Entry> out = new ArrayList<>(nlibs);
        for (int i = 0; i < nlibs; i++) {
            int e = OLD_HEADER + i * OLD_ENTRY;
            out.add(new Entry(b.getInt(e), string(file, b, strings, Integer.toUnsignedLong(b.getInt(e + 4))),
                    string(file, b, strings, Integer.toUnsignedLong(b.getInt(e + 8))), 0, 0));
        }
        return new LdSoCache(file, MAGIC_OLD, out, List.of());
    }

    /**
     * The glibc-hwcaps names of the extension directory at {@code offset} ({@code struct
     * cache_extension}: magic, count, then {tag, flags, offset, size} sections; the hwcaps section
     * is an array of string offsets from the file's start). Like {@code cache_extension_load}, a
     * damaged extension is ignored, not an error: ld.so then uses no glibc-hwcaps entry.
     */
    private static List<String> hwcapsNames(ByteBuffer b, long offset) {
        int size = b.capacity();
        if (offset == 0 || offset % 4 != 0 || offset + 8 > size || b.getInt((int) offset) != EXTENSION_MAGIC) {
            return List.of();
        }
        long count = Integer.toUnsignedLong(b.getInt((int) offset + 4));
        if (offset + 8 + count * 16 > size) {
            return List.of();
        }
        for (int i = 0; i < count; i++) {
            int sec = (int) (offset + 8 + i * 16L);
            long at = Integer.toUnsignedLong(b.getInt(sec + 8));
            long len = Integer.toUnsignedLong(b.getInt(sec + 12));
            if (b.getInt(sec) != TAG_GLIBC_HWCAPS) {
                continue;
            }
            if (at + len > size || at % 4 != 0 || len % 4 != 0) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (long k = 0; k < len; k += 4) {
                long str = Integer.toUnsignedLong(b.getInt((int) (at + k)));
                names.add(cString(b, str).orElse(""));
            }
            return names;
        }
        return List.of();
    }

    private static Optional<String> cString(ByteBuffer b, long at) {
        if (at >= b.capacity()) {
            return Optional.empty();
        }
        int end = (int) at;
        while (end < b.capacity() && b.get(end) != 0) {
            end++;
        }
        if (end == b.capacity()) {
            return Optional.empty();
        }
        byte[] s = new byte[end - (int) at];
        b.get((int) at, s);
        return Optional.of(new String(s, StandardCharsets.UTF_8));
    }

    private static String string(String file, ByteBuffer b, int base, long offset) {
        long at = base + offset;
        if (at >= b.capacity()) {
            throw bad(file, "string offset 0x" + Long.toHexString(offset) + " lies past the end of the file");
        }
        int end = (int) at;
        while (end < b.capacity() && b.get(end) != 0) {
            end++;
        }
        if (end == b.capacity()) {
            throw bad(file, "string at 0x" + Long.toHexString(at) + " is not NUL-terminated");
        }
        byte[] s = new byte[end - (int) at];
        b.get((int) at, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] bytes, int at, String magic) {
        if (at < 0 || at + magic.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (bytes[at + i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static BadInputException bad(String file, String what) {
        return new BadInputException(file, "malformed ld.so.cache: " + what);
    }
}
