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
    }

    private final String file;
    private final String format;
    private final List<Entry> entries;

    private LdSoCache(String file, String format, List<Entry> entries) {
        this.file = file;
        this.format = format;
        this.entries = List.copyOf(entries);
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
     * The entry ld.so would take for {@code name}: the first, in the file's order, whose name
     * compares equal under {@link #sameName} and whose flags the target accepts
     * ({@code _dl_cache_check_flags}). Entries for hwcap subdirectories are left out: they apply
     * only on CPUs the model does not know (see {@link #hwcapEntries}).
     */
    public Optional<Entry> lookup(String name, IntPredicate flagsAccepted) {
        for (Entry e : entries) {
            if (e.hwcap() == 0 && flagsAccepted.test(e.flags()) && sameName(name, e.name())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Entries for {@code name} in hwcap subdirectories, which ld.so may prefer on some CPUs. */
    public List<Entry> hwcapEntries(String name, IntPredicate flagsAccepted) {
        return entries.stream().filter(e -> e.hwcap() != 0 && flagsAccepted.test(e.flags())
                && sameName(name, e.name())).toList();
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
        return new LdSoCache(file, MAGIC_NEW, out);
    }

    private static LdSoCache parseOld(String file, ByteBuffer b, int nlibs, int strings) {
        List<Entry> out = new ArrayList<>(nlibs);
        for (int i = 0; i < nlibs; i++) {
            int e = OLD_HEADER + i * OLD_ENTRY;
            out.add(new Entry(b.getInt(e), string(file, b, strings, Integer.toUnsignedLong(b.getInt(e + 4))),
                    string(file, b, strings, Integer.toUnsignedLong(b.getInt(e + 8))), 0, 0));
        }
        return new LdSoCache(file, MAGIC_OLD, out);
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
