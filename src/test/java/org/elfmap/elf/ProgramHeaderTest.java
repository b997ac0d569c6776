package org.elfmap.elf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** gABI "Program Header": the {@code p_align} values a loader accepts as powers of two. */
class ProgramHeaderTest {
    private static ProgramHeader aligned(long align) {
        return new ProgramHeader(0, ProgramHeader.PT_LOAD, ProgramHeader.PF_R, 0, 0, 0, 0, 0, align);
    }

    @Test
    void zeroOneAndPowersOfTwoReadUnsigned() {
        // "Values 0 and 1 mean no alignment is required. Otherwise, p_align should be a positive,
        // integral power of 2"; p_align is an unsigned Elf64_Xword, so 2^63 is one and a value
        // with the top bit and another set is not
        for (long ok : new long[] {0, 1, 2, 0x1000, 0x200000, 1L << 63}) {
            assertThat(aligned(ok).alignIsPowerOfTwo()).as(Long.toHexString(ok)).isTrue();
        }
        for (long odd : new long[] {3, 0x3000, 0x1001, 0xc000000000000000L, -1}) {
            assertThat(aligned(odd).alignIsPowerOfTwo()).as(Long.toHexString(odd)).isFalse();
        }
    }
}
