package dev.forgather.logs.check;

import java.util.Arrays;

/**
 * Statistics that a few wild values do not move: the median, the median absolute deviation (MAD)
 * and the robust z score built from them. A spike fed into a mean and standard deviation raises
 * both and hides the next spike; it barely moves a median.
 */
public final class RobustStats {
    /** MAD times this estimates the standard deviation of normally distributed values. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private RobustStats() {}

    /** The median of {@code values[from..to)}: the middle value, or the mean of the two middle ones; NaN when empty. */
    public static double median(double[] values, int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        return sortedMedian(sorted, 0, sorted.length);
    }

    /** The median of all of {@code values}; NaN when empty. */
    public static double median(double... values) {
        return median(values, 0, values.length);
    }

    /** The median absolute deviation from the median of {@code values[from..to)}; NaN when empty. */
    public static double mad(double[] values, int from, int to) {
        double m = median(values, from, to);
        double[] deviations = new double[to - from];
        for (int i = from; i < to; i++) {
            deviations[i - from] = Math.abs(values[i] - m);
        }
        return median(deviations, 0, deviations.length);
    }

    /** The median absolute deviation of all of {@code values}; NaN when empty. */
    public static double mad(double... values) {
        return mad(values, 0, values.length);
    }

    /**
     * How many robust standard deviations {@code x} lies above {@code median}:
     * {@code (x - median) / (1.4826 * mad)}. With a MAD of 0 it is +Infinity above the median,
     * -Infinity below it and 0 at it.
     */
    public static double robustZ(double x, double median, double mad) {
        double spread = MAD_TO_SIGMA * mad;
        if (spread == 0) {
            return x > median ? Double.POSITIVE_INFINITY : x < median ? Double.NEGATIVE_INFINITY : 0;
        }
        return (x - median) / spread;
    }

    /**
     * The {@code p}th percentile (0 to 100) of {@code values[from..to)}, interpolated linearly
     * between the two nearest ranks (NumPy's default); NaN when empty.
     */
    public static double percentile(double[] values, int from, int to, double p) {
        if (to <= from) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        double rank = p / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    static double sortedMedian(double[] sorted, int from, int to) {
        int n = to - from;
        int mid = from + n / 2;
        return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
