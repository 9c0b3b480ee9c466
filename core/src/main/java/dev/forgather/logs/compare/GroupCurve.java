package dev.forgather.logs.compare;

import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.MovingAverage;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A seed group's curve of one metric: the members aligned on the union of their steps by linear
 * interpolation (as Aim does), then at each step the mean of the members that cover it and a band
 * around it. A member covers the steps from its first value to its last; it is never extrapolated.
 * Where one member alone covers a step the band is the mean itself.
 *
 * @param key the group's key
 * @param members how many runs the group has
 * @param steps the union of the members' steps, ascending
 * @param mean the mean at each step
 * @param lower the band's lower edge at each step
 * @param upper the band's upper edge at each step
 * @param count how many members cover each step
 */
public record GroupCurve(
        String key, int members, double[] steps, double[] mean, double[] lower, double[] upper, int[] count) {

    /**
     * The curve of {@code metric} over {@code runs}, each member's values first smoothed over
     * {@code smoothWindow} points (SPEC's moving average; 0 or 1: raw). Values are taken as
     * {@code logs compare} takes them: finite only, training metrics from training records, a
     * repeated step's later record winning; a value whose record gave no {@code global_step} is
     * smoothed over but not aligned, having no step of its own.
     */
    public static GroupCurve of(String key, List<TrainingLog> runs, String metric, Band band, int smoothWindow) {
        int m = runs.size();
        long[][] xs = new long[m][];
        double[][] ys = new double[m][];
        int total = 0;
        for (int r = 0; r < m; r++) {
            MetricPoints p = MetricPoints.of(runs.get(r), metric);
            // Smoothed over every value first, as a plot smooths before it leaves out the points
            // an axis cannot place; then only the values whose records gave a step are aligned.
            MetricPoints.Aligned aligned = p.alignable(MovingAverage.smooth(p.values, smoothWindow));
            xs[r] = aligned.steps();
            ys[r] = aligned.values();
            total += xs[r].length;
        }
        long[] union = new long[total];
        int at = 0;
        for (long[] steps : xs) {
            System.arraycopy(steps, 0, union, at, steps.length);
            at += steps.length;
        }
        union = Arrays.stream(union).sorted().distinct().toArray();
        int n = union.length;
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        int[] count = new int[n];
        double[] here = new double[m];
        for (int i = 0; i < n; i++) {
            x[i] = union[i];
            int k = 0;
            for (int r = 0; r < m; r++) {
                OptionalDouble v = Interpolation.at(xs[r], ys[r], union[i]);
                if (v.isPresent()) {
                    here[k++] = v.getAsDouble();
                }
            }
            count[i] = k;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                sum += here[j];
                min = Math.min(min, here[j]);
                max = Math.max(max, here[j]);
            }
            double mu = sum / k;
            double squares = 0;
            for (int j = 0; j < k; j++) {
                squares += (here[j] - mu) * (here[j] - mu);
            }
            double std = k > 1 ? Math.sqrt(squares / (k - 1)) : 0;
            mean[i] = mu;
            switch (band) {
                case STD -> {
                    lower[i] = mu - std;
                    upper[i] = mu + std;
                }
                case MINMAX -> {
                    lower[i] = min;
                    upper[i] = max;
                }
                case CI95 -> {
                    double half = k > 1 ? studentT975(k - 1) * std / Math.sqrt(k) : 0;
                    lower[i] = mu - half;
                    upper[i] = mu + half;
                }
                default -> throw new AssertionError(band);
            }
        }
        return new GroupCurve(key, m, x, mean, lower, upper, count);
    }

    /** The groups' curves: one per group of {@code groups}. */
    public static List<GroupCurve> of(List<SeedGroups.Group> groups, String metric, Band band, int smoothWindow) {
        return groups.stream()
                .map(g -> of(g.key(), g.members(), metric, band, smoothWindow))
                .toList();
    }

    /** Whether the curve has no point at all (no member has the metric). */
    public boolean isEmpty() {
        return steps.length == 0;
    }

    private static final double[] T975 = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
        2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
    };

    /**
     * Student's t quantile at 0.975 for {@code df} degrees of freedom: the table to 30, then the
     * first Cornish–Fisher term over the normal quantile (within 0.003 of the exact value).
     */
    static double studentT975(int df) {
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = 1.959964;
        return z + (z * z * z + z) / (4.0 * df);
    }
}
