package org.elfmap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.elfmap.BadInputException;
import org.elfmap.output.Format;
import org.elfmap.output.Renderers;
import org.elfmap.space.PageSize;
import org.elfmap.space.RawNames;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options every command shares (contract: "Common options"): {@code --page-size}, {@code --root},
 * {@code --format} (with {@code --json} its synonym), {@code --debug}.
 *
 * @param command the subcommand, whose formats an unknown {@code --format} is told
 * @param format the output format; {@code formatValue} is what {@code --format} said, for
 *               commands that once took it for something else (explain's input format)
 */
record CommonOptions(String command, Optional<String> pageSize, Optional<Path> root, Format format, Optional<String> formatValue,
                     boolean debug) {

    static void addTo(CommandSpec spec, String command) {
        Set<Format> formats = Renderers.formats(command);
        spec.addOption(Specs.value("SIZE", "Run-time page size: 4k, 16k, 64k or bytes (default: "
                + (command.equals("check-pages") ? "16k" : "this machine's") + ")", "--page-size"));
        spec.addOption(Specs.value("DIR", "Sysroot: resolve the paths of files and libraries inside DIR", "--root"));
        spec.addOption(Specs.value("FORMAT", "Output format: " + labels(formats) + " (default: text)", "--format"));
        spec.addOption(Specs.flag("Same as --format json (shapes in docs/contract.md)", "--json"));
        spec.addOption(Specs.flag("On an error, print the stack trace too", "--debug"));
    }

    static CommonOptions of(Args a) {
        Optional<String> value = a.value("--format");
        Format format = Format.TEXT;
        if (value.isPresent()) {
            format = Format.byLabel(value.get()).orElse(Format.TEXT);
        }
        if (a.flag("--json")) {
            if (value.isPresent() && Format.byLabel(value.get()).filter(f -> f != Format.JSON).isPresent()) {
                throw new BadInputException("--json", "contradicts --format " + value.get());
            }
            format = Format.JSON;
        }
        Optional<Path> root = a.value("--root").map(CommonOptions::root);
        return new CommonOptions(a.command(), a.value("--page-size"), root, format, value, a.flag("--debug"));
    }

    /** An unknown {@code --format} value is an error, unless the command takes it for something else first. */
    void requireKnownFormat() {
        formatValue.filter(v -> Format.byLabel(v).isEmpty()).ifPresent(v -> {
            throw new BadInputException("--format", "unknown format '" + v + "' (" + command + " writes "
                    + labels(Renderers.formats(command)) + ")");
        });
    }

    private static String labels(Set<Format> formats) {
        return formats.stream().map(Format::label).collect(Collectors.joining(", "));
    }

    PageSize pageSize(PageSize fallback) {
        return pageSize.map(PageSize::parse).orElse(fallback);
    }

    /** The sysroot, its name's bytes kept ({@link PathArguments#path}): an existing directory. */
    private static Path root(String dir) {
        Path p = PathArguments.path(dir, "--root");
        if (!Files.isDirectory(p)) {
            throw new BadInputException("--root", RawNames.shown(dir) + (Files.exists(p) ? " is not a directory"
                    : " does not exist"));
        }
        return p;
    }
}
