package dev.forgather.logs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SmoothingStopTest {
    @Test
    void theControlOffersOffThenFiveMovingAveragesThenThreeExponentialOnes() {
        assertThat(SmoothingStop.ALL)
                .extracting(SmoothingStop::label)
                .containsExactly(
                        "off",
                        "centred moving average of 5 points",
                        "centred moving average of 10 points",
                        "centred moving average of 20 points",
                        "centred moving average of 50 points",
                        "centred moving average of 100 points",
                        "exponential moving average, weight 0.6 (debiased, as TensorBoard)",
                        "exponential moving average, weight 0.9 (debiased, as TensorBoard)",
                        "exponential moving average, weight 0.99 (debiased, as TensorBoard)");
    }

    @Test
    void theExponentialAverageIsDebiasedAndPassesNaNThrough() {
        double w = 0.9;
        double[] out = SmoothingStop.debiasedEma(new double[] {2, 4, Double.NaN, 4}, w);
        // n=1: last = 0.2, s = 0.2 / 0.1 = 2 — the first point is itself, not pulled to 0.
        assertThat(out[0]).isCloseTo(2, within(1e-12));
        double last = 0.1 * 2 * w + 0.1 * 4;
        assertThat(out[1]).isCloseTo(last / (1 - w * w), within(1e-12));
        assertThat(out[2]).isNaN();
        double last3 = last * w + 0.1 * 4;
        assertThat(out[3]).isCloseTo(last3 / (1 - w * w * w), within(1e-12));
    }

    @Test
    void theMovingAverageIsSpecsCentredOne() {
        double[] out = new SmoothingStop("", 5, 0).apply(new double[] {1, 2, 3, 4, 5, 6});
        // Window i-2 .. i+2, clipped at the ends.
        assertThat(out).containsExactly(2, 2.5, 3, 4, 4.5, 5);
    }
}
