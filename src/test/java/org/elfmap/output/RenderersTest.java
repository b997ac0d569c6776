package org.elfmap.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.elfmap.BadInputException;
import org.junit.jupiter.api.Test;

/** {@link Renderers#formats} is a fixed list: it must say what the switches that make the renderers say. */
class RenderersTest {
    private record Command(String name, Function<Format, Renderer<?>> renderer) {
    }

    private static final List<Command> COMMANDS = List.of(
            new Command("layout", Renderers::layout),
            new Command("explain", Renderers::explain),
            new Command("predict", Renderers::predict),
            new Command("compare", Renderers::compare),
            new Command("top", Renderers::top),
            new Command("check-pages", Renderers::checkPages));

    @Test
    void theFormatsEachCommandListsAreTheOnesItsRenderersWrite() {
        for (Command c : COMMANDS) {
            Set<Format> written = EnumSet.noneOf(Format.class);
            for (Format f : Format.values()) {
                try {
                    c.renderer().apply(f);
                    written.add(f);
                } catch (BadInputException e) {
                    // not written by this command
                }
            }
            assertEquals(written, Renderers.formats(c.name()), c.name());
        }
    }

    @Test
    void anUnwrittenFormatIsRefusedNamingTheCommandsOwn() {
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> Renderers.layout(Format.SARIF));
        assertEquals("--format: layout does not write sarif (it writes text, json)", e.getMessage());
    }
}
