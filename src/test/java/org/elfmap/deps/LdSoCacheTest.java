package org.elfmap.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elfmap.BadInputException;
import org.elfmap.testkit.Fixtures;
import org.elfmap.testkit.RealLoader;
import org.elfmap.testkit.Tools;
import org.junit.jupiter.api.Test;

/** The real {@code /etc/ld.so.cache} of this machine, read against {@code ldconfig -p}'s own listing. */
class LdSoCacheTest {
    private static final Path CACHE = Path.of("/etc/ld.so.cache");
    /** {@code libz.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libz.so.1}. */
    private static final Pattern LINE = Pattern.compile("^\\s+(\\S+) \\(([^)]*)\\) => (.+)$");

    static LdSoCache machineCache() throws IOException {
        RealLoader.hostFile(CACHE.toString());
        return LdSoCache.parse(CACHE.toString(), Files.readAllBytes(CACHE), ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void everyEntryAsLdconfigListsIt() throws Exception {
        LdSoCache cache = machineCache();
        assertThat(cache.format()).isEqualTo("glibc-ld.so.cache1.1");
        assertThat(readAsLdconfigLists(cache, CACHE)).hasSizeGreaterThan(100);
    }

    /** Every entry of {@code cache} as {@code ldconfig -p -C FILE} lists it, in order; returns them. */
    static List<String> readAsLdconfigLists(LdSoCache cache, Path file) throws Exception {
        Process p = new ProcessBuilder(Tools.ldconfig().toString(), "-p", "-C", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> expected = new ArrayList<>();
        for (String l : out.split("\n")) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                expected.add(m.group(1) + " (" + m.group(2) + ") => " + m.group(3));
            }
        }
        List<String> actual = cache.entries().stream()
                .map(e -> e.name() + " (" + describe(e.flags()) + hwcap(cache, e) + ") => " + e.path()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        return actual;
    }

    /** ldconfig's words for an entry's hwcap ({@code elf/cache.c} {@code print_entry}): a glibc-hwcaps name, else the bits. */
    private static String hwcap(LdSoCache cache, LdSoCache.Entry e) {
        if (e.namedHwcap()) {
            return ", hwcap: \"" + cache.hwcapsNames().get((int) e.hwcap()) + "\"";
        }
        return e.hwcap() == 0 ? "" : String.format(", hwcap: 0x%016x", e.hwcap());
    }

    /** ldconfig's words for the flags ({@code elf/cache.c} {@code print_entry}), for the three ABIs here. */
    private static String describe(int flags) {
        return switch (flags) {
            case 0x0303 -> "libc6,x86-64";
            case 0x0803 -> "libc6,x32";
            case 0x0003 -> "libc6";
            case 0x0001 -> "ELF";
            default -> "0x" + Integer.toHexString(flags);
        };
    }

    /** The entry a loader that knows nothing of the CPU takes: the first whose flags fit and that has no hwcap data. */
    private static java.util.Optional<LdSoCache.Entry> plain(LdSoCache cache, String name,
                                                             java.util.function.IntPredicate flags) {
        return cache.select(name, new LdSoCache.Selection(flags, GlibcVersion.NEWEST_KNOWN, List.of(), -1, 0, 0, -1));
    }

    @Test
    void flagsChooseTheLibraryOfTheProcessesAbi() throws IOException {
        LdSoCache cache = machineCache();
        // libc.so.6 is in the cache three times: x86-64, x32 and i386.
        assertThat(plain(cache, "libc.so.6", f -> f == 0x0303)).get().extracting(LdSoCache.Entry::path)
                .isEqualTo("/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(plain(cache, "libc.so.6", f -> f == 0x0003 || f == 1)).get().extracting(LdSoCache.Entry::path)
                .isEqualTo("/lib32/libc.so.6");
        assertThat(plain(cache, "libc.so.6", f -> f == 0x0803)).get().extracting(LdSoCache.Entry::path)
                .isEqualTo("/libx32/libc.so.6");
        assertThat(plain(cache, "libnot-there.so.1", f -> true)).isEmpty();
    }

    @Test
    void namesCompareLikeLibcmpDigitsAsNumbers() {
        assertThat(LdSoCache.sameName("libfoo.so.1", "libfoo.so.01")).isTrue();
        assertThat(LdSoCache.sameName("libfoo.so.1", "libfoo.so.10")).isFalse();
        assertThat(LdSoCache.sameName("libfoo.so", "libfoo.so.1")).isFalse();
        assertThat(LdSoCache.sameName("libc.so.6", "libc.so.6")).isTrue();
    }

    @Test
    void oldFormatWithTheNewAppendedReadsTheNewPart() {
        byte[] fresh = newFormat(List.<String[]>of(new String[] {"libx.so.1", "/new/libx.so.1"}), ByteOrder.LITTLE_ENDIAN);
        ByteBuffer old = ByteBuffer.allocate(16 + 12).order(ByteOrder.LITTLE_ENDIAN);
        old.put("ld.so-1.7.0".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putInt(1);
        old.putInt(1).putInt(0).putInt(0);
        byte[] combined = concat(old.array(), new byte[4], fresh); // 28 bytes, aligned up to 32
        LdSoCache c = LdSoCache.parse("t", combined, ByteOrder.LITTLE_ENDIAN);
        assertThat(c.format()).isEqualTo("glibc-ld.so.cache1.1");
        assertThat(c.entries()).extracting(LdSoCache.Entry::path).containsExactly("/new/libx.so.1");
    }

    @Test
    void bigEndianCacheSaysSoInItsHeader() {
        byte[] b = newFormat(List.<String[]>of(new String[] {"libq.so", "/lib/libq.so"}), ByteOrder.BIG_ENDIAN);
        assertThat(LdSoCache.parse("t", b, ByteOrder.LITTLE_ENDIAN).entries()).singleElement()
                .satisfies(e -> assertThat(e.name()).isEqualTo("libq.so"));
    }

    @Test
    void garbageIsBadInputNamingTheFile() throws IOException {
        byte[] real = Files.readAllBytes(RealLoader.hostFile(CACHE.toString()));
        assertThatThrownBy(() -> LdSoCache.parse("cache", Arrays.copyOf(real, 100), ByteOrder.LITTLE_ENDIAN))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("cache: malformed ld.so.cache");
        assertThatThrownBy(() -> LdSoCache.parse("cache", "hello".getBytes(StandardCharsets.US_ASCII),
                ByteOrder.LITTLE_ENDIAN)).isInstanceOf(BadInputException.class).hasMessageContaining("magic");
        byte[] badOffset = newFormat(List.<String[]>of(new String[] {"a", "b"}), ByteOrder.LITTLE_ENDIAN);
        ByteBuffer.wrap(badOffset).order(ByteOrder.LITTLE_ENDIAN).putInt(48 + 4, 1 << 30);
        assertThatThrownBy(() -> LdSoCache.parse("cache", badOffset, ByteOrder.LITTLE_ENDIAN))
                .isInstanceOf(BadInputException.class).hasMessageContaining("past the end");
    }

    /** A new-format cache with one {@code libc6,x86-64} entry per (name, path) pair. */
    static byte[] newFormat(List<String[]> entries, ByteOrder order) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int stringsAt = 48 + 24 * entries.size();
        ByteBuffer b = ByteBuffer.allocate(stringsAt).order(order);
        b.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        b.putInt(entries.size());
        int lenAt = b.position();
        b.putInt(0);
        b.put((byte) (order == ByteOrder.BIG_ENDIAN ? 3 : 2));
        b.position(48);
        for (String[] e : entries) {
            b.putInt(0x0303);
            b.putInt(stringsAt + strings.size());
            strings.writeBytes((e[0] + "\0").getBytes(StandardCharsets.UTF_8));
            b.putInt(stringsAt + strings.size());
            strings.writeBytes((e[1] + "\0").getBytes(StandardCharsets.UTF_8));
            b.putInt(0);
            b.putLong(0);
        }
        b.putInt(lenAt, strings.size());
        return concat(b.array(), strings.toByteArray());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * The branches this CPU does not take, on a cache with legacy hwcap entries: {@code search_cache}
     * of glibc 2.36 takes the best supported glibc-hwcaps entry, else the first legacy entry whose
     * hwcap bits the process has and whose platform bit is its $PLATFORM (ldconfig sorts the most
     * specific first: {@code elf/cache.c} {@code compare}); glibc 2.40 ignores legacy entries. The
     * cache is the one glibc 2.36's ldconfig wrote for the sysroot of {@link CacheHwcapsChrootTest}'s {@code /opt/lib}
     * ({@code fixtures/deps/cache.sh}): from 2.37 on, ldconfig writes no legacy entries.
     */
    @Test
    void cacheChoicesForOtherCpusAndReleases() throws Exception {
        Path file = Fixtures.dir("deps").resolve("cache/ld.so.cache");
        LdSoCache cache = LdSoCache.parse("/etc/ld.so.cache", Files.readAllBytes(file), ByteOrder.LITTLE_ENDIAN);
        // what ldconfig -p printed for it (glibc 2.36): 13 entries, 3 glibc-hwcaps and 6 legacy ones
        assertThat(cache.entries()).hasSize(13);
        assertThat(cache.entries()).filteredOn(LdSoCache.Entry::namedHwcap).hasSize(3);
        assertThat(cache.entries()).filteredOn(e -> !e.namedHwcap() && e.hwcap() != 0).extracting(LdSoCache.Entry::path)
                .containsExactlyInAnyOrder("/opt/lib/avx512_1/libdr_v.so", "/opt/lib/x86_64/libdr_v.so",
                        "/opt/lib/tls/libdr_t.so", "/opt/lib/xeon_phi/libdr_p.so", "/opt/lib/haswell/libdr_p.so",
                        "/opt/lib/x86_64/libdr_p.so");
        choicesForOtherCpusAndReleases(cache);
    }

    static void choicesForOtherCpusAndReleases(LdSoCache cache) {
        assertThat(cache.hwcapsNames()).contains("x86-64-v2", "x86-64-v3", "x86-64-v4");
        GlibcVersion g236 = new GlibcVersion(2, 36);
        LdSoCache.Selection skylake = selection(GlibcCpuRulesTest.intel(GlibcCpuRulesTest.SKYLAKE_SP), g236);
        assertThat(pick(cache, "libdr_h.so", skylake)).isEqualTo("/opt/lib/glibc-hwcaps/x86-64-v4/libdr_h.so");
        assertThat(pick(cache, "libdr_p.so", skylake)).isEqualTo("/opt/lib/haswell/libdr_p.so");
        assertThat(pick(cache, "libdr_t.so", skylake)).isEqualTo("/opt/lib/tls/libdr_t.so");
        assertThat(pick(cache, "libdr_v.so", skylake)).isEqualTo("/opt/lib/avx512_1/libdr_v.so");
        LdSoCache.Selection knl = selection(GlibcCpuRulesTest.intel(GlibcCpuRulesTest.KNL), g236);
        assertThat(pick(cache, "libdr_h.so", knl)).isEqualTo("/opt/lib/glibc-hwcaps/x86-64-v3/libdr_h.so");
        assertThat(pick(cache, "libdr_p.so", knl)).isEqualTo("/opt/lib/xeon_phi/libdr_p.so");
        assertThat(pick(cache, "libdr_v.so", knl)).isEqualTo("/opt/lib/x86_64/libdr_v.so");
        LdSoCache.Selection nehalem = selection(GlibcCpuRulesTest.amd(GlibcCpuRulesTest.NEHALEM), g236);
        assertThat(pick(cache, "libdr_h.so", nehalem)).isEqualTo("/opt/lib/glibc-hwcaps/x86-64-v2/libdr_h.so");
        assertThat(pick(cache, "libdr_p.so", nehalem)).isEqualTo("/opt/lib/x86_64/libdr_p.so");
        LdSoCache.Selection g240 = selection(GlibcCpuRulesTest.intel(GlibcCpuRulesTest.SKYLAKE_SP), new GlibcVersion(2, 40));
        assertThat(pick(cache, "libdr_h.so", g240)).isEqualTo("/opt/lib/glibc-hwcaps/x86-64-v4/libdr_h.so");
        assertThat(pick(cache, "libdr_p.so", g240)).isEqualTo("/opt/lib/libdr_p.so");
        assertThat(pick(cache, "libdr_t.so", g240)).isEqualTo("/opt/lib/libdr_t.so");
        LdSoCache.Selection g232 = selection(GlibcCpuRulesTest.intel(GlibcCpuRulesTest.SKYLAKE_SP), new GlibcVersion(2, 32));
        assertThat(pick(cache, "libdr_h.so", g232)).as("no glibc-hwcaps before 2.33").isEqualTo("/opt/lib/libdr_h.so");
    }

    private static LdSoCache.Selection selection(CpuFacts cpu, GlibcVersion v) {
        GlibcCpu c = GlibcCpu.compute(HwcapsSearchTest.AMD64, Optional.of(cpu), v);
        GlibcSystem s = new GlibcSystem(List.of("/lib/"), "lib", 0x0303, false, Optional.empty(), v, "test", c);
        return s.cacheSelection(HwcapsSearchTest.AMD64);
    }

    private static String pick(LdSoCache cache, String name, LdSoCache.Selection s) {
        return cache.select(name, s).orElseThrow().path();
    }
}
