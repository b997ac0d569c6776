package org.elfmap.output.layout;

import java.util.function.BiConsumer;
import org.elfmap.loader.Layout;

/**
 * The layouts of a {@code layout} run, made one at a time while a renderer writes them (a run
 * over thousands of files holds one at a time): each file's name as given, and its layout under
 * each chosen loader. Files that cannot be read are reported by the run itself, not handed over.
 */
@FunctionalInterface
public interface LayoutRun {
    void forEach(BiConsumer<String, Layout> each);
}
