package org.elfmap.deps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.elfmap.BadInputException;

/**
 * The environment the program would be started with, as far as the loader reads it
 * ({@code --env NAME=VALUE}). {@code LD_LIBRARY_PATH} changes the search, {@code GLIBC_TUNABLES}
 * what ld.so derives from the CPU; a later setting of
 * a name replaces an earlier one, as in a shell.
 */
public record LoaderEnvironment(Map<String, String> vars) {
    public static final LoaderEnvironment EMPTY = new LoaderEnvironment(Map.of());

    public LoaderEnvironment {
        vars = Map.copyOf(vars);
    }

    /** Parses {@code NAME=VALUE} settings; anything else is bad input. */
    public static LoaderEnvironment parse(Iterable<String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0 || !s.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new BadInputException("--env", "'" + s + "' is not NAME=VALUE");
            }
            out.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return new LoaderEnvironment(out);
    }

    /**
     * The settings that change what ld.so derives from the CPU ({@code GLIBC_TUNABLES}, e.g.
     * {@code glibc.cpu.hwcaps=-AVX512F}; {@code LD_HWCAP_MASK}): passed on when this machine's
     * loader is asked about itself.
     */
    public Map<String, String> tunables() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : new String[] {"GLIBC_TUNABLES", "LD_HWCAP_MASK"}) {
            String v = vars.get(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    /** {@code LD_LIBRARY_PATH}, when set and not empty (both loaders ignore an empty one). */
    public Optional<String> libraryPath() {
        return Optional.ofNullable(vars.get("LD_LIBRARY_PATH")).filter(s -> !s.isEmpty());
    }
}
