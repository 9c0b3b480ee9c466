package dev.forgather.logs.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeTest {
    @Test
    void aOneRecordSpikeAmongAMillionIsTheMaximumOfItsColumn() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 2.0 - i * 1e-6;
        }
        y[777_777] = 9.5;
        Envelope e = Envelope.of(x, y, 0, n - 1, 160, false);
        int column = (int) (777_777 * 160.0 / (n - 1));
        assertThat(e.max[column]).isEqualTo(9.5);
        assertThat(e.high()).isEqualTo(9.5);
        assertThat(e.max[column - 1]).isLessThan(2.0);
        assertThat(e.low()).isEqualTo(y[n - 1]);
    }

    @Test
    void nonFiniteValuesAndPointsOutsideTheWindowAreLeftOut() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {1, Double.NaN, Double.POSITIVE_INFINITY, 5, 100};
        Envelope e = Envelope.of(x, y, 0, 3, 4, false);
        assertThat(e.has(0)).isTrue();
        assertThat(e.has(1)).isFalse();
        assertThat(e.has(2)).isFalse();
        assertThat(e.high()).isEqualTo(5);
    }

    @Test
    void logScaleLeavesOutValuesAtOrBelowZero() {
        double[] x = {0, 1, 2};
        double[] y = {0, 10, 1000};
        Envelope e = Envelope.of(x, y, 0, 2, 3, true);
        assertThat(e.has(0)).isFalse();
        assertThat(e.low()).isEqualTo(1);
        assertThat(e.high()).isEqualTo(3);
    }
}
