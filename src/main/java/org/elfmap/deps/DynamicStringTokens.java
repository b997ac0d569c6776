package org.elfmap.deps;

import java.util.Optional;

/**
 * glibc's dynamic string tokens in RPATH, RUNPATH, LD_LIBRARY_PATH and DT_NEEDED: {@code $ORIGIN},
 * {@code $LIB}, {@code $PLATFORM} and their braced forms ({@code elf/dl-load.c},
 * {@code is_dst} and {@code _dl_dst_substitute}). A token is its name not followed by another
 * identifier character ({@code $ORIGINAL} is no token and stays as written); a braced token needs
 * its closing brace. A known token without a value (no origin) discards the whole path element.
 */
public record DynamicStringTokens(Optional<String> origin, String lib, String platform) {

    /** The element with every known token replaced, or empty when it must be discarded. */
    public Optional<String> expand(String element) {
        StringBuilder out = new StringBuilder(element.length() + 32);
        int i = 0;
        while (i < element.length()) {
            char c = element.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            String rest = element.substring(i + 1);
            int len;
            Optional<String> value;
            if ((len = tokenLength(rest, "ORIGIN")) > 0) {
                value = origin;
            } else if ((len = tokenLength(rest, "PLATFORM")) > 0) {
                value = Optional.of(platform);
            } else if ((len = tokenLength(rest, "LIB")) > 0) {
                value = Optional.of(lib);
            } else {
                out.append('$');
                i++;
                continue;
            }
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(value.get());
            i += 1 + len;
        }
        return Optional.of(out.toString());
    }

    /** Whether the text holds any token glibc knows ({@code _dl_dst_count} > 0). */
    public static boolean hasToken(String text) {
        int at = text.indexOf('$');
        while (at >= 0) {
            String rest = text.substring(at + 1);
            if (tokenLength(rest, "ORIGIN") > 0 || tokenLength(rest, "PLATFORM") > 0 || tokenLength(rest, "LIB") > 0) {
                return true;
            }
            at = text.indexOf('$', at + 1);
        }
        return false;
    }

    /** {@code is_dst}: length of the token after '$' (braces included), or 0 when it is not {@code ref}. */
    static int tokenLength(String input, String ref) {
        boolean curly = input.startsWith("{");
        String s = curly ? input.substring(1) : input;
        if (!s.startsWith(ref)) {
            return 0;
        }
        int n = ref.length();
        if (curly) {
            return s.length() > n && s.charAt(n) == '}' ? n + 2 : 0;
        }
        if (s.length() > n) {
            char next = s.charAt(n);
            if (Character.isLetterOrDigit(next) && next < 128 || next == '_') {
                return 0;
            }
        }
        return n;
    }
}
