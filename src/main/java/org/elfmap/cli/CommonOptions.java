package org.elfmap.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.space.PageSize;
import picocli.CommandLine.Option;

/** Options every command shares (contract: "Common options"). */
public final class CommonOptions {
    @Option(names = "--page-size", paramLabel = "SIZE",
            description = "Run-time page size: 4k, 16k, 64k or bytes (default: this machine's, 4k)")
    String pageSize;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Sysroot: resolve the paths of files and libraries inside DIR")
    Path root;

    @Option(names = "--json", description = "Print JSON (shapes in docs/contract.md) instead of tables")
    boolean json;

    @Option(names = "--debug", description = "On an error, print the stack trace too")
    boolean debug;

    public PageSize pageSize(PageSize fallback) {
        return pageSize == null ? fallback : PageSize.parse(pageSize);
    }

    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    public boolean json() {
        return json;
    }

    public boolean debug() {
        return debug;
    }
}
