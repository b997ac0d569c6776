package org.elfmap.deps;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.loader.Flavor;

/**
 * What resolving programs reads that does not depend on the program: every ELF file (libc is
 * in every closure), the interpreter's compiled-in directories (a scan of ld.so), and the parsed
 * {@code /etc/ld.so.cache}. One instance serves the programs of one {@code predict} run, so a
 * list of 250 programs parses the cache once and reads libc once, where a shell loop of
 * {@code ldd} pays both per program. Files are taken to stay as they are for the run; values are
 * immutable and the maps concurrent, so resolutions may share it from several threads. One run
 * means one sysroot, one environment and one set of target options.
 */
public final class ReadOnce {
    // Keys with written-out equals/hashCode: a record's generated ones are bootstrapped by
    // invokedynamic on first use, ~10-20 ms of start-up that AOT caches do not store.
    private record CacheKey(Path file, ByteOrder order) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CacheKey k && k.file.equals(file) && k.order.equals(order);
        }

        @Override
        public int hashCode() {
            return file.hashCode() * 31 + order.hashCode();
        }
    }

    private record SystemKey(ElfTarget target, Flavor flavor, Optional<Path> interpreter) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SystemKey k && k.target.equals(target) && k.flavor == flavor
                    && k.interpreter.equals(interpreter);
        }

        @Override
        public int hashCode() {
            return (target.hashCode() * 31 + flavor.hashCode()) * 31 + interpreter.hashCode();
        }
    }

    private final Map<Path, ElfFile> elves = new ConcurrentHashMap<>();
    private final Map<CacheKey, LdSoCache> caches = new ConcurrentHashMap<>();
    private final Map<SystemKey, GlibcSystem> systems = new ConcurrentHashMap<>();

    /** The ELF file at {@code file}, read the first time ({@link Elf#read}; a failure is not kept). */
    ElfFile elf(Path file) {
        ElfFile e = elves.get(file);
        if (e == null) {
            e = Elf.read(file);
            elves.putIfAbsent(file, e);
        }
        return e;
    }

    /** {@code /etc/ld.so.cache} at {@code file} parsed for {@code order} ({@link LdSoCache#parse}). */
    LdSoCache ldSoCache(String name, Path file, ByteOrder order) throws IOException {
        CacheKey key = new CacheKey(file, order);
        LdSoCache c = caches.get(key);
        if (c == null) {
            c = LdSoCache.parse(name, Files.readAllBytes(file), order);
            caches.putIfAbsent(key, c);
        }
        return c;
    }

    /**
     * The glibc facts for a target and its interpreter file, made by {@code of} the first time
     * ({@link GlibcSystem#of}: it reads ld.so, and may run it). The sysroot, environment and
     * target options are the run's, the same for every program of it.
     */
    GlibcSystem glibcSystem(ElfTarget target, Flavor flavor, Optional<Path> interpreter,
                            java.util.function.Supplier<GlibcSystem> of) {
        return systems.computeIfAbsent(new SystemKey(target, flavor, interpreter), k -> of.get());
    }
}
