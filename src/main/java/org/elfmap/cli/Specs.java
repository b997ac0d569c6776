package org.elfmap.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command model built by code: picocli's programmatic API rather than its annotations,
 * which picocli reads by reflection and dynamic proxies at every start (measured: most of a
 * {@code --version} run; README "Performance"). picocli still does all the parsing and the help.
 */
final class Specs {
    private Specs() {
    }

    /**
     * A (sub)command with its one-line summary, its help texts and the standard {@code -h}/{@code -V} options;
     * {@code owner} is what runs it (picocli does not inspect it).
     */
    static CommandSpec command(Object owner, String name, String summary, String[] description, String[] footer) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(owner).name(name);
        spec.usageMessage().description(description).footer(footer).sortOptions(false).width(100);
        if (!summary.isEmpty()) {
            spec.usageMessage().header(summary); // the command's line in 'elfmap --help'
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        spec.versionProvider(new Main.Version());
        return spec;
    }

    /** An option that takes no value. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).arity("0").type(boolean.class).description(description).build();
    }

    /** An option with one value (the last occurrence wins). */
    static OptionSpec value(String label, String description, String... names) {
        return OptionSpec.builder(names).arity("1").type(String.class).paramLabel(label).description(description)
                .build();
    }

    /** An option that may be given several times, each with one value. */
    static OptionSpec repeatable(String label, String description, String... names) {
        return OptionSpec.builder(names).arity("1").type(String[].class).auxiliaryTypes(String.class)
                .paramLabel(label).description(description).build();
    }

    /** Positional parameters, {@code arity} as picocli spells it ({@code 1}, {@code 0..1}, {@code 1..*}). */
    static PositionalParamSpec positional(String index, String arity, String label, String description) {
        return PositionalParamSpec.builder().index(index).arity(arity).required(!arity.startsWith("0"))
                .type(String[].class).auxiliaryTypes(String.class).paramLabel(label).description(description).build();
    }
}
