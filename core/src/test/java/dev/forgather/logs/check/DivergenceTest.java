package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DivergenceTest {
    private static List<Finding> divergences(double... losses) {
        return Divergence.defaults().check(LogMaker.closed(LogMaker.losses(losses)));
    }

    @Test
    void aShortRunThatBlowsUpAtItsEleventhRecordIsCaughtThere() {
        double[] v = LogMaker.noisy(75, 2.0, 0.02, 1);
        for (int i = 10; i < 75; i++) {
            v[i] = 20 + i;
        }
        List<Finding> found = divergences(v);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.firstStep()).isEqualTo(OptionalLong.of(110));
        assertThat(f.value()).isEqualTo(30);
        assertThat(f.threshold()).hasValue(5.0);
        assertThat(f.message())
                .matches("divergence in loss: the median of 25 records, 42, is \\d+\\.\\dx the median"
                        + " of the 10 records before them \\(2\\.\\d+\\), at least 5x");
        // The spike rule sees it too, as a spike not yet recovered (fewer than 100 records follow).
        List<Finding> spikes = Spike.defaults().check(LogMaker.closed(LogMaker.losses(v)));
        assertThat(spikes)
                .singleElement()
                .satisfies(s -> assertThat(s.firstStep()).isEqualTo(OptionalLong.of(110)));
    }

    @Test
    void theRangeStartsAtTheFirstValueAboveFiveTimesTheEarlierMedian() {
        double[] v = LogMaker.noisy(600, 2.0, 0.02, 2);
        // A climb: 1.5x at record 300 (step 3010), 3x at 301, then 12 and up from 302 (step 3030).
        v[300] = 3;
        v[301] = 6;
        for (int i = 302; i < 600; i++) {
            v[i] = 12 + (i % 5);
        }
        // The median rule alone (a spike rule that never fires):
        Spike never = new Spike(Double.POSITIVE_INFINITY, 1.2, 128, 20, 1.1, 100);
        List<Finding> byMedian = new Divergence(25, 500, 10, 5, never).check(LogMaker.closed(LogMaker.losses(v)));
        assertThat(byMedian).extracting(f -> f.firstStep().getAsLong()).containsExactly(3030L);
        // With the spike rule, the spike at 3010 never recovered: one finding, from the spike on.
        List<Finding> found = divergences(v);
        assertThat(found).extracting(f -> f.firstStep().getAsLong()).containsExactly(3010L);
        assertThat(found.get(0).message()).startsWith("divergence in loss: a spike that never recovered: 3 is ");
    }

    @Test
    void aDecayingLossAndANoisyPlateauAreNotDivergences() {
        double[] decaying = new double[1000];
        for (int i = 0; i < decaying.length; i++) {
            decaying[i] = 1.35 + 5 * Math.exp(-i / 80.0) + 0.03 * Math.sin(i * 1.7);
        }
        assertThat(divergences(decaying)).isEmpty();
        assertThat(divergences(LogMaker.noisy(1000, 2.0, 0.3, 3))).isEmpty();
    }

    @Test
    void aRunTooShortIsNotJudged() {
        assertThat(divergences(1, 1, 1, 1, 1, 50, 50, 50, 50, 50)).isEmpty();
    }
}
