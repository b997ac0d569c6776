package org.elfmap.elf;

/**
 * One section header as the file holds it (gABI "Sections"): only what the page checks use.
 * Non-allocated sections ({@code .comment}, {@code .symtab}) have {@code addr} 0.
 */
public record SectionHeader(int index, int type, long flags, long addr, long offset, long size) {
}
