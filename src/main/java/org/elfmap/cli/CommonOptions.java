package org.elfmap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.PageSize;
import org.elfmap.space.RawNames;
import picocli.CommandLine.Option;

/** Options every command shares (contract: "Common options"). */
public final class CommonOptions {
    @Option(names = "--page-size", paramLabel = "SIZE",
            description = "Run-time page size: 4k, 16k, 64k or bytes (default: this machine's, 4k)")
    String pageSize;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Sysroot: resolve the paths of files and libraries inside DIR")
    String root;

    @Option(names = "--json", description = "Print JSON (shapes in docs/contract.md) instead of tables")
    boolean json;

    @Option(names = "--debug", description = "On an error, print the stack trace too")
    boolean debug;

    public PageSize pageSize(PageSize fallback) {
        return pageSize == null ? fallback : PageSize.parse(pageSize);
    }

    /**
     * The sysroot: an existing directory (a missing one used to be accepted by explain and top,
     * which then silently looked nowhere; issue 16 item 15), its name's bytes kept.
     */
    public Optional<Path> root() {
        if (root == null) {
            return Optional.empty();
        }
        Path dir = PathArguments.path(root, "--root");
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--root " + RawNames.shown(root), Files.exists(dir) ? "not a directory"
                    : "no such directory");
        }
        return Optional.of(dir);
    }

    public boolean json() {
        return json;
    }

    public boolean debug() {
        return debug;
    }
}
