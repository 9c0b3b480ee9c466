package dev.forgather.logs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReductionTest {
    @Test
    void aSeriesOfUpToTwentyThousandPointsTravelsWhole() {
        List<Reduction.Level> levels = Reduction.levels(new double[20_000]);
        assertThat(levels).hasSize(1);
        assertThat(levels.get(0).buckets()).isZero();
        assertThat(levels.get(0).picks()).hasSize(20_000);
    }

    @Test
    void beyondThatEachLevelKeepsEveryBucketsRealMinimumAndMaximum() {
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i / 50.0);
        }
        values[77_777] = 42;
        values[11_111] = -7;
        List<Reduction.Level> levels = Reduction.levels(values);
        assertThat(levels).extracting(Reduction.Level::buckets).containsExactly(1_024, 4_096, 16_384);
        for (Reduction.Level level : levels) {
            int[] picks = level.picks();
            assertThat(picks).isSorted().contains(77_777, 11_111);
            assertThat(picks.length).isBetween(level.buckets(), 2 * level.buckets());
            // Each bucket's extremes are among the picks.
            for (int b = 0; b < level.buckets(); b++) {
                int lo = level.bucketStarts()[b];
                int hi = level.bucketEnds()[b];
                int min = lo;
                int max = lo;
                for (int i = lo; i < hi; i++) {
                    min = values[i] < values[min] ? i : min;
                    max = values[i] > values[max] ? i : max;
                }
                assertThat(java.util.Arrays.binarySearch(picks, min))
                        .as("bucket %d minimum", b)
                        .isNotNegative();
                assertThat(java.util.Arrays.binarySearch(picks, max))
                        .as("bucket %d maximum", b)
                        .isNotNegative();
            }
        }
    }

    @Test
    void aNonFiniteStretchStaysAGapAtEveryLevel() {
        double[] values = new double[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i >= 30_000 && i < 30_010 ? Double.NaN : 1 + (i % 7);
        }
        for (Reduction.Level level : Reduction.levels(values)) {
            boolean hasNaN = false;
            for (int p : level.picks()) {
                hasNaN |= Double.isNaN(values[p]);
            }
            assertThat(hasNaN).as(level.buckets() + " buckets").isTrue();
        }
    }

    @Test
    void aSmoothedSeriesTravelsAsItsOwnEnvelopePerBucket() {
        double[] values = new double[40_000];
        double[] smoothed = new double[40_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2;
            smoothed[i] = i / 40_000.0;
        }
        Reduction.Level level = Reduction.levels(values).get(0);
        double[] carried = Reduction.carry(smoothed, level);
        assertThat(carried).hasSize(level.picks().length);
        // Bucket 0 spans points 0..38: the smoothed minimum and maximum, in that order.
        assertThat(level.bucketEnds()[0]).isEqualTo(39);
        assertThat(carried[0]).isEqualTo(0.0);
        assertThat(carried[1]).isEqualTo(38 / 40_000.0);
    }
}
