package org.elfmap.deps;

/** A file glibc's search passed over ({@code open_verify}): it is for another kind of process. */
public record Skipped(String path, Mismatch mismatch) {
}
