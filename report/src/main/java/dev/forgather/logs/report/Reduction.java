package dev.forgather.logs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How one series travels in the report: every point when it has at most {@link #RAW_LIMIT}, else
 * levels of detail (1,024, 4,096 and 16,384 buckets of consecutive points) that keep, in each
 * bucket, the real points with the smallest and the largest finite value, and the first
 * non-finite one (so a NaN stretch stays a gap at every level). Every point drawn is a point of
 * the log: zoomed in, the chart shows the envelope of the real values, never a resampled guess.
 */
final class Reduction {
    /** Series up to this many points travel whole. */
    static final int RAW_LIMIT = 20_000;
    /** The bucket counts of the levels of detail, coarse to fine. */
    static final int[] BUCKETS = {1_024, 4_096, 16_384};

    /**
     * One level: the indices (ascending) of the points it keeps, and where each bucket starts
     * in that list, so smoothed values can be placed bucket by bucket.
     *
     * @param buckets how many buckets this level has, 0 for the whole series
     */
    record Level(int buckets, int[] picks, int[] bucketStarts, int[] bucketEnds) {}

    private Reduction() {}

    /** The levels for a series of these values, coarse to fine; one level of every point when it is small. */
    static List<Level> levels(double[] values) {
        int n = values.length;
        List<Level> levels = new ArrayList<>();
        if (n <= RAW_LIMIT) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            levels.add(new Level(0, all, new int[0], new int[0]));
            return levels;
        }
        for (int buckets : BUCKETS) {
            levels.add(level(values, buckets));
        }
        return levels;
    }

    private static Level level(double[] values, int buckets) {
        int n = values.length;
        int[] picks = new int[3 * buckets];
        int[] starts = new int[buckets];
        int[] ends = new int[buckets];
        int count = 0;
        for (int b = 0; b < buckets; b++) {
            int lo = (int) ((long) b * n / buckets);
            int hi = (int) ((long) (b + 1) * n / buckets);
            starts[b] = lo;
            ends[b] = hi;
            int min = -1;
            int max = -1;
            int nonFinite = -1;
            for (int i = lo; i < hi; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    if (nonFinite < 0) {
                        nonFinite = i;
                    }
                } else {
                    if (min < 0 || v < values[min]) {
                        min = i;
                    }
                    if (max < 0 || v > values[max]) {
                        max = i;
                    }
                }
            }
            int[] kept = {min, max, nonFinite};
            java.util.Arrays.sort(kept);
            int previous = -1;
            for (int k : kept) {
                if (k >= 0 && k != previous) {
                    picks[count++] = k;
                    previous = k;
                }
            }
        }
        return new Level(buckets, java.util.Arrays.copyOf(picks, count), starts, ends);
    }

    /**
     * A smoothed series carried at the points of {@code level}: in each bucket whose level keeps
     * two points, the smallest and largest smoothed value of the bucket in the order they occur;
     * otherwise the smoothed value at each kept point. Every point when the level is whole.
     */
    static double[] carry(double[] smoothed, Level level) {
        int[] picks = level.picks();
        double[] out = new double[picks.length];
        if (level.buckets() == 0) {
            for (int i = 0; i < picks.length; i++) {
                out[i] = smoothed[picks[i]];
            }
            return out;
        }
        int p = 0;
        for (int b = 0; b < level.buckets(); b++) {
            int lo = level.bucketStarts()[b];
            int hi = level.bucketEnds()[b];
            int first = p;
            while (p < picks.length && picks[p] < hi) {
                p++;
            }
            int kept = p - first;
            if (kept == 2) {
                int min = -1;
                int max = -1;
                for (int i = lo; i < hi; i++) {
                    double v = smoothed[i];
                    if (Double.isFinite(v)) {
                        if (min < 0 || v < smoothed[min]) {
                            min = i;
                        }
                        if (max < 0 || v > smoothed[max]) {
                            max = i;
                        }
                    }
                }
                if (min < 0) {
                    out[first] = smoothed[picks[first]];
                    out[first + 1] = smoothed[picks[first + 1]];
                } else {
                    out[first] = smoothed[Math.min(min, max)];
                    out[first + 1] = smoothed[Math.max(min, max)];
                }
            } else {
                for (int i = first; i < p; i++) {
                    out[i] = smoothed[picks[i]];
                }
            }
        }
        return out;
    }
}
