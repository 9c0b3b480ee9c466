package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustStatsTest {
    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(RobustStats.median(5, 1, 3)).isEqualTo(3);
        assertThat(RobustStats.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(RobustStats.median(7)).isEqualTo(7);
        assertThat(RobustStats.median()).isNaN();
        assertThat(RobustStats.median(new double[] {9, 1, 2, 3, 9}, 1, 4)).isEqualTo(2);
    }

    @Test
    void madIsTheMedianDistanceFromTheMedian() {
        // median 2; deviations 1 1 0 0 2 4 7 -> sorted 0 0 1 1 2 4 7 -> 1
        assertThat(RobustStats.mad(1, 1, 2, 2, 4, 6, 9)).isEqualTo(1);
        assertThat(RobustStats.mad(3, 3, 3)).isZero();
        assertThat(RobustStats.mad()).isNaN();
        // One wild value barely moves it: the point of using it.
        assertThat(RobustStats.mad(1, 2, 3, 4, 1000)).isEqualTo(1);
    }

    @Test
    void robustZScalesTheMadToAStandardDeviation() {
        assertThat(RobustStats.robustZ(4.0, 1.0, 1.0)).isCloseTo(3 / 1.4826, within(1e-12));
        assertThat(RobustStats.robustZ(2.0, 1.0, 0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(RobustStats.robustZ(0.5, 1.0, 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(RobustStats.robustZ(1.0, 1.0, 0.0)).isZero();
    }

    @Test
    void percentileInterpolatesBetweenRanksAsNumpyDoes() {
        double[] v = {4, 1, 3, 2};
        assertThat(RobustStats.percentile(v, 0, 4, 75)).isEqualTo(3.25); // numpy.percentile([1,2,3,4], 75)
        assertThat(RobustStats.percentile(v, 0, 4, 0)).isEqualTo(1);
        assertThat(RobustStats.percentile(v, 0, 4, 100)).isEqualTo(4);
        assertThat(RobustStats.percentile(v, 0, 0, 50)).isNaN();
    }

    @Test
    void slidingWindowAgreesWithSortingEveryWindowOnRandomData() {
        Random random = new Random(42);
        for (int capacity : new int[] {1, 2, 3, 7, 20, 128}) {
            SortedWindow window = new SortedWindow(capacity);
            double[] values = new double[600];
            for (int i = 0; i < values.length; i++) {
                // Repeated values on purpose: a window of equal values has a MAD of 0.
                values[i] = random.nextInt(5) == 0 ? 1.0 : Math.round(random.nextGaussian() * 10) / 4.0;
                window.add(values[i]);
                int from = Math.max(0, i + 1 - capacity);
                assertThat(window.size()).isEqualTo(i + 1 - from);
                assertThat(window.median())
                        .as("median, capacity %d at %d", capacity, i)
                        .isEqualTo(RobustStats.median(values, from, i + 1));
                assertThat(window.mad())
                        .as("mad, capacity %d at %d", capacity, i)
                        .isEqualTo(RobustStats.mad(values, from, i + 1));
            }
        }
    }
}
