package dev.forgather.logs.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The running moving average gives, bit for bit, what smoothing the whole series again gives. */
class RunningMovingAverageTest {
    /** The values as bits, so that NaN equals NaN and 0.0 differs from -0.0. */
    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** A series with a noisy loss, ties, NaN, both infinities and runs of non-finite points. */
    private static double[] series(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(20);
            v[i] = switch (pick) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> Double.NEGATIVE_INFINITY;
                case 3, 4 -> i > 0 ? v[i - 1] : 1.0; // a tie with the point before
                case 5 -> 1e-05;
                case 6 -> 3;
                default -> 2.0 / (1 + i * 0.01) + random.nextGaussian() * 0.1;
            };
        }
        // A window of nothing but NaN somewhere: its mean is NaN.
        if (n > 200) {
            Arrays.fill(v, 100, 160, Double.NaN);
        }
        return v;
    }

    @Test
    void randomAppendsGiveExactlyTheValuesOfSmoothingTheWholeSeries() {
        Random random = new Random(12);
        for (int window : new int[] {2, 3, 5, 10, 20, 50}) {
            double[] values = series(random, 3000);
            RunningMovingAverage running = new RunningMovingAverage(window);
            int n = 0;
            while (n < values.length) {
                // Polls add nothing, one record, or a burst; some smaller than the window.
                n = Math.min(values.length, n + random.nextInt(random.nextBoolean() ? 3 : 200));
                double[] expected = MovingAverage.smooth(Arrays.copyOf(values, n), window);
                RunningMovingAverage.Smoothed got = running.extend(values, n);
                assertThat(got.size()).as("window %d, %d points", window, n).isEqualTo(n);
                assertThat(bits(got.toArray()))
                        .as("window %d, %d points", window, n)
                        .isEqualTo(bits(expected));
            }
        }
    }

    @Test
    void aSeriesShorterThanTheWindowIsLeftRawUntilItReachesIt() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        RunningMovingAverage running = new RunningMovingAverage(5);
        assertThat(running.extend(values, 4).toArray()).containsExactly(1, 2, 3, 4);
        assertThat(running.extend(values, 5).toArray()).containsExactly(2, 2.5, 3, 3.5, 4);
        assertThat(bits(running.extend(values, 10).toArray())).isEqualTo(bits(MovingAverage.smooth(values, 5)));
    }

    @Test
    void aSmoothedSeriesReturnedEarlierNeverChanges() {
        Random random = new Random(5);
        double[] values = series(random, 5000);
        RunningMovingAverage running = new RunningMovingAverage(10);
        RunningMovingAverage.Smoothed early = running.extend(values, 20);
        long[] before = bits(early.toArray());
        // Enough points that the settled part outgrows its first array.
        for (int n = 21; n <= values.length; n += 37) {
            running.extend(values, n);
        }
        assertThat(bits(early.toArray())).isEqualTo(before);
        assertThat(bits(early.toArray())).isEqualTo(bits(MovingAverage.smooth(Arrays.copyOf(values, 20), 10)));
    }

    @Test
    void onlyTheLastHalfWindowIsWorkedOutAgain() {
        double[] values = new double[1000];
        Arrays.fill(values, 1.0);
        RunningMovingAverage running = new RunningMovingAverage(50);
        RunningMovingAverage.Smoothed s = running.extend(values, 1000);
        // Points 0..974 have their whole window: settled, shared; the last 25 are the tail.
        assertThat(s.headLength()).isEqualTo(975);
        assertThat(s.tail()).hasSize(25);
    }

    @Test
    void aSeriesThatShrankIsRefused() {
        RunningMovingAverage running = new RunningMovingAverage(5);
        running.extend(new double[10], 10);
        assertThatThrownBy(() -> running.extend(new double[10], 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the series shrank from 10 to 9 points");
    }
}
