package org.elfmap.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elfmap.space.RawNames;

/**
 * The command line's arguments with their bytes: the JVM decodes argv with the locale's charset
 * ({@code sun.jnu.encoding}, which cannot be overridden), so a file name holding {@code \xff\xfe}
 * (or, under {@code LANG=C}, any non-ASCII byte) reaches {@code main} as U+FFFD and names no file.
 * Linux keeps the process's own argv in {@code /proc/self/cmdline} (NUL-separated bytes; the
 * launcher passes the arguments after the main class through unchanged), so its last
 * {@code args.length} entries are the arguments' bytes. Each one the JVM did not decode exactly is
 * replaced by its carried string ({@link RawNames}), which {@link RawNames#path} opens.
 *
 * <p>The two are matched by position and checked: every entry decoded as the JVM decodes must
 * equal the argument it stands for. When they do not agree (no procfs, a launcher that rewrote
 * them), the arguments are left as the JVM gave them.
 */
final class RawArguments {
    private RawArguments() {
    }

    static String[] recover(String[] args) {
        return recover(args, Path.of("/proc/self/cmdline"), RawNames.jvmCharset());
    }

    static String[] recover(String[] args, Path cmdline, Charset jvmCharset) {
        if (args.length == 0 || !anyLossy(args)) {
            return args;
        }
        List<byte[]> argv;
        try {
            argv = split(Files.readAllBytes(cmdline));
        } catch (IOException | RuntimeException e) {
            return args;
        }
        if (argv.size() < args.length) {
            return args;
        }
        List<byte[]> tail = argv.subList(argv.size() - args.length, argv.size());
        String[] out = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (!new String(tail.get(i), jvmCharset).equals(args[i])) {
                return args; // not the arguments we were given: leave them
            }
            if (!Arrays.equals(args[i].getBytes(jvmCharset), tail.get(i))) {
                out[i] = RawNames.carried(tail.get(i));
            }
        }
        return out;
    }

    /** Whether any argument may have lost bytes: a replacement character or anything outside ASCII. */
    private static boolean anyLossy(String[] args) {
        for (String a : args) {
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) >= 0x80) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                out.add(Arrays.copyOfRange(cmdline, from, i));
                from = i + 1;
            }
        }
        if (from < cmdline.length) {
            out.add(Arrays.copyOfRange(cmdline, from, cmdline.length));
        }
        return out;
    }
}
