package org.elfmap.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.elfmap.BadInputException;
import org.junit.jupiter.api.Test;

/** Sizes that add up past a long are refused as bad input, never shown negative (issue 16, item 10). */
class ByteSumTest {
    @Test
    void usageAndKindTotalsThatOverflowAreBadInputNotNegative() {
        Usage big = new Usage(Long.MAX_VALUE - 1, 1, 0);
        assertThat(big.plus(new Usage(1, 1, 0)).rssBytes()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> big.plus(new Usage(2, 0, 0))).isInstanceOf(BadInputException.class)
                .hasMessage("sizes add up to more than 2^63 bytes: not a real address space");
        KindTotal t = new KindTotal(Long.MAX_VALUE, Usage.ZERO);
        assertThatThrownBy(() -> t.plus(new KindTotal(1, Usage.ZERO))).isInstanceOf(BadInputException.class);
    }
}
