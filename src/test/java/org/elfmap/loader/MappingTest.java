package org.elfmap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elfmap.space.Backing;
import org.elfmap.space.Kind;
import org.elfmap.space.Prot;
import org.elfmap.space.RegionNote;
import org.junit.jupiter.api.Test;

/**
 * {@code VM_ACCOUNT} survives what the models do to a mapping after the system call that set it:
 * the kernel keeps the flag when {@code mprotect} takes write away ({@code mm/mprotect.c}
 * {@code mprotect_fixup}), and naming pages or joining neighbours is no system call at all.
 */
class MappingTest {
    private static Mapping writableThenReadOnly(long start, long end) {
        return new Mapping(start, end, Prot.RW, Kind.DATA, Backing.FILE, OptionalLong.of(start), OptionalInt.of(1),
                Optional.of(new RegionNote.Relro())).with(Prot.R);
    }

    @Test
    void relabellingKeepsTheChargeAndTheNote() {
        Mapping m = writableThenReadOnly(0x1000, 0x2000);
        assertThat(m.accounted()).isTrue();
        assertThat(m.withKind(Kind.RELRO).accounted()).isTrue();
        assertThat(m.withKind(Kind.RELRO).note()).isEqualTo(m.note());
        Mapping moved = m.withKindAndSegment(Kind.TEXT, OptionalInt.of(2));
        assertThat(List.of(moved.accounted(), moved.segment(), moved.note()))
                .isEqualTo(List.of(true, OptionalInt.of(2), m.note()));
    }

    @Test
    void joinedNeighboursKeepTheCharge() {
        List<Mapping> merged = KernelMerge.merge(List.of(writableThenReadOnly(0x1000, 0x2000),
                writableThenReadOnly(0x2000, 0x3000)));
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).accounted()).isTrue();
        assertThat(merged.get(0).end()).isEqualTo(0x3000);
        assertThat(merged.get(0).fileOffset()).hasValue(0x1000);
    }
}
