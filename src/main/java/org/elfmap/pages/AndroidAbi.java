package org.elfmap.pages;

import java.util.Optional;
import java.util.Set;

/**
 * The ABI directory an APK/AAB/AAR keeps a native library in ({@code lib/<abi>/x.so},
 * {@code base/lib/<abi>/x.so}, {@code jni/<abi>/x.so}), or a build keeps it in ({@code jniLibs/<abi>/}
 * of a Gradle source set, {@code libs/<abi>/} of ndk-build, {@code obj/<abi>/} of AGP's CMake
 * build), and whether Android's 16 KiB rule binds it: only 64-bit ABIs must be 16 KiB-ready.
 */
public final class AndroidAbi {
    private static final Set<String> THIRTY_TWO_BIT = Set.of("armeabi-v7a", "armeabi", "x86", "mips");
    /** The ABI names the NDK and the Play store know; any other {@code lib/X/} is just a directory
     *  (a jar's {@code org/apache/xalan/lib/sql/} is not an ABI: found scanning /usr). */
    private static final Set<String> PARENTS = Set.of("lib", "jni", "jniLibs", "libs", "obj");
    private static final Set<String> KNOWN = Set.of("arm64-v8a", "armeabi-v7a", "armeabi", "x86", "x86_64",
            "mips", "mips64", "riscv64");

    private AndroidAbi() {
    }

    public static Optional<String> of(String entryName) {
        String[] parts = entryName.split("/");
        int n = parts.length;
        if (n >= 3 && PARENTS.contains(parts[n - 3]) && KNOWN.contains(parts[n - 2])) {
            return Optional.of(parts[n - 2]);
        }
        return Optional.empty();
    }

    public static boolean is32Bit(String abi) {
        return THIRTY_TWO_BIT.contains(abi);
    }
}
