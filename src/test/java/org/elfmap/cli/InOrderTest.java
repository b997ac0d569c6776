package org.elfmap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.elfmap.BadInputException;
import org.junit.jupiter.api.Test;

class InOrderTest {
    private static final List<Integer> INPUTS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsComeInInputOrderWhateverTheWorkTakes() {
        List<Integer> seen = new ArrayList<>();
        InOrder.forEach(INPUTS, i -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
            return i * 2;
        }, seen::add);
        assertThat(seen).isEqualTo(INPUTS.stream().map(i -> i * 2).toList());
    }

    @Test
    void whatTheWorkThrowsIsRethrownUnwrappedAtItsTurn() {
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> InOrder.forEach(INPUTS, i -> {
            if (i == 137) {
                throw new BadInputException("input 137", "no such file");
            }
            return i;
        }, seen::add)).isExactlyInstanceOf(BadInputException.class).hasMessageContaining("input 137");
        assertThat(seen).isEqualTo(INPUTS.subList(0, 137));
    }

    @Test
    void oneInputIsWorkedOnThisThread() {
        Thread[] ran = new Thread[1];
        InOrder.forEach(List.of("only"), s -> ran[0] = Thread.currentThread(), x -> { });
        assertThat(ran[0]).isSameAs(Thread.currentThread());
    }

    @Test
    void noInputsNoWork() {
        InOrder.forEach(List.<String>of(), s -> {
            throw new AssertionError("no work expected");
        }, x -> {
            throw new AssertionError("no result expected");
        });
    }

    @Test
    void aFailureToReadTheInputsComesAfterTheResultsBeforeIt() {
        List<Integer> seen = new ArrayList<>();
        Iterable<Integer> failing = () -> new java.util.Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                if (i == 300) {
                    throw new BadInputException("@list", "no such file");
                }
                return true;
            }

            @Override
            public Integer next() {
                return i++;
            }
        };
        assertThatThrownBy(() -> InOrder.forEach(failing, i -> i, seen::add))
                .isExactlyInstanceOf(BadInputException.class).hasMessageContaining("@list");
        assertThat(seen).isEqualTo(IntStream.range(0, 300).boxed().toList());
    }
}
