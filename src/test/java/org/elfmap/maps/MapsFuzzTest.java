package org.elfmap.maps;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.AddressImage;
import org.elfmap.explain.ExplainOptions;
import org.elfmap.explain.Explainer;
import org.elfmap.space.ObjectImage;
import org.elfmap.explain.Source;

/**
 * Any bytes, read as a capture the way {@code explain -} reads stdin: either an address image whose
 * totals add up, or a {@link BadInputException} with a one-line message naming the input. Anything
 * else (a JDK runtime exception, an error, a hang, running out of memory) is a finding. Paths in the
 * capture resolve inside an empty directory, so no input makes the test read this machine's files.
 *
 * <p>{@code mvn verify} runs the committed inputs in
 * {@code src/test/resources/org/elfmap/maps/MapsFuzzTestInputs/} (real captures of every format, cut
 * and mixed, and every past finding). To fuzz: {@code JAZZER_FUZZ=1 mvn -B test -Dtest=MapsFuzzTest}
 * (docs/reliability.md).
 */
class MapsFuzzTest {
    private static final Path NOWHERE = nowhere();

    private static Path nowhere() {
        try {
            return Files.createTempDirectory("elfmap-fuzz-root");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Format recognised from the bytes, as {@code explain} does by default. */
    @FuzzTest(maxDuration = "3m")
    void detected(byte[] data) {
        read(data, Optional.empty());
    }

    /** Each parser forced on any bytes ({@code --format}): the first byte picks the format. */
    @FuzzTest(maxDuration = "3m")
    void forced(FuzzedDataProvider in) {
        MapsFormat[] formats = MapsFormat.values();
        MapsFormat f = formats[in.consumeInt(0, formats.length - 1)];
        read(in.consumeRemainingAsBytes(), Optional.of(f));
    }

    private static void read(byte[] data, Optional<MapsFormat> format) {
        ExplainOptions options = ExplainOptions.defaults().withRoot(Optional.of(NOWHERE)).withFormat(format);
        AddressImage image;
        try {
            image = Explainer.explain(new Source.Stream(new ByteArrayInputStream(data), "fuzz.maps"), options);
        } catch (BadInputException e) {
            String m = e.getMessage();
            if (m == null || !m.startsWith("fuzz.maps") || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("message does not name the input on one line: " + m, e);
            }
            return;
        }
        long sum = 0;
        for (ObjectImage o : image.objects()) {
            if (o.vszBytes() < 0) {
                throw new AssertionError("negative VSZ for " + o.path());
            }
            sum += o.vszBytes();
        }
        if (sum != image.vszBytes()) {
            throw new AssertionError("objects do not add up to the total");
        }
        image.byKind();
        image.usage();
    }
}
