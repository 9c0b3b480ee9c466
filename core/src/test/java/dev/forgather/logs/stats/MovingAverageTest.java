package dev.forgather.logs.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MovingAverageTest {
    @Test
    void centredWindowClippedAtTheEnds() {
        double[] smoothed = MovingAverage.smooth(new double[] {1, 2, 3, 4, 5}, 3);
        // window 3: i-1..i+1, clipped: (1+2)/2, (1+2+3)/3, ..., (4+5)/2
        assertThat(smoothed).containsExactly(1.5, 2.0, 3.0, 4.0, 4.5);
    }

    @Test
    void evenWindowSpansHalfEachSide() {
        // window 4: i-2..i+2 (integer division), five points in the middle.
        double[] smoothed = MovingAverage.smooth(new double[] {0, 10, 20, 30, 40, 50}, 4);
        assertThat(smoothed).containsExactly(10.0, 15.0, 20.0, 30.0, 35.0, 40.0);
    }

    @Test
    void noSmoothingForWindowOneOrASeriesShorterThanTheWindow() {
        double[] values = {3, 1, 2};
        assertThat(MovingAverage.smooth(values, 1)).containsExactly(3, 1, 2);
        assertThat(MovingAverage.smooth(values, 0)).containsExactly(3, 1, 2);
        assertThat(MovingAverage.smooth(values, 4)).containsExactly(3, 1, 2);
        assertThat(MovingAverage.applies(3, 3)).isTrue();
    }

    @Test
    void nonFiniteValuesAreLeftOutOfTheMean() {
        double[] smoothed = MovingAverage.smooth(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5}, 3);
        assertThat(smoothed).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(MovingAverage.smooth(new double[] {Double.NaN, Double.NaN, Double.NaN}, 2)[1])
                .isNaN();
    }

    @Test
    void slidingSumAgreesWithTheDefinitionOnRandomData() {
        Random random = new Random(7);
        double[] values = new double[500];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * 3 + 2;
        }
        for (int window : new int[] {2, 5, 10, 21}) {
            double[] smoothed = MovingAverage.smooth(values, window);
            for (int i = 0; i < values.length; i++) {
                int lo = Math.max(0, i - window / 2);
                int hi = Math.min(values.length - 1, i + window / 2);
                double sum = 0;
                for (int j = lo; j <= hi; j++) {
                    sum += values[j];
                }
                assertThat(smoothed[i]).isCloseTo(sum / (hi - lo + 1), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }
}
