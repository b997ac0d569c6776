package org.elfmap.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** What picocli parsed for one subcommand, read by option name. */
final class Args {
    private final ParseResult parsed;

    Args(ParseResult parsed) {
        this.parsed = parsed;
    }

    /** The subcommand's name ({@code check-pages}). */
    String command() {
        return parsed.commandSpec().name();
    }

    boolean flag(String name) {
        return parsed.hasMatchedOption(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(parsed.matchedOptionValue(name, null));
    }

    List<String> values(String name) {
        String[] v = parsed.matchedOptionValue(name, new String[0]);
        return Arrays.asList(v);
    }

    /** Every value of the positional parameter that starts at {@code index}. */
    List<String> positionals(int index) {
        List<String> out = new ArrayList<>();
        for (PositionalParamSpec p : parsed.commandSpec().positionalParameters()) {
            if (p.index().min() == index && parsed.hasMatchedPositional(p)) {
                String[] v = p.getValue();
                if (v != null) {
                    out.addAll(Arrays.asList(v));
                }
            }
        }
        return out;
    }

    Optional<String> positional(int index) {
        List<String> v = positionals(index);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
}
