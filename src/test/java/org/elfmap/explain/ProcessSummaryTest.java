package org.elfmap.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ImagePart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code top}'s summary of a process: its kinds, summed from its parts, are the image's own. */
class ProcessSummaryTest {
    @ParameterizedTest
    @ValueSource(strings = {"glibc-libbig2m.maps", "freebsd-amd64-seed.map", "freebsd14-prog.procstat"})
    void kindsFromThePartsAreTheImagesKinds(String capture) {
        AddressImage image = Explainer.explain(new Source.Capture(Path.of("src/test/resources/fixtures/maps", capture)),
                ExplainOptions.defaults().withMaxListed(0));
        ProcessSummary s = ProcessSummary.of(1, "x", image);
        assertThat(s.byKind()).isEqualTo(image.byKind());
        assertThat(s.parts()).isEqualTo(ImagePart.of(image));
        assertThat(s.vszBytes()).isEqualTo(image.vszBytes());
    }
}
