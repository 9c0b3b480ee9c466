package dev.forgather.logs.report;

import dev.forgather.logs.stats.MovingAverage;
import java.util.List;

/**
 * One position of the report's smoothing control. The control snaps to these stops only, so each
 * can be computed once, on the full-resolution series, before any reduction for drawing.
 *
 * @param label what the report shows beside the control and on the charts it applies to
 * @param window the moving average's window in points (SPEC's centred average), or 0
 * @param weight the exponential moving average's weight (TensorBoard's debiased EMA), or 0
 */
public record SmoothingStop(String label, int window, double weight) {
    /** Off, then the moving averages, then the exponential ones, in the order the control offers them. */
    public static final List<SmoothingStop> ALL = List.of(
            new SmoothingStop("off", 0, 0),
            average(5),
            average(10),
            average(20),
            average(50),
            average(100),
            exponential(0.6),
            exponential(0.9),
            exponential(0.99));

    private static SmoothingStop average(int window) {
        return new SmoothingStop("centred moving average of " + window + " points", window, 0);
    }

    private static SmoothingStop exponential(double weight) {
        return new SmoothingStop(
                "exponential moving average, weight " + weight + " (debiased, as TensorBoard)", 0, weight);
    }

    /** Whether this stop leaves the values as they are. */
    public boolean isOff() {
        return window == 0 && weight == 0;
    }

    /** The smoothed copy of {@code values}. */
    public double[] apply(double[] values) {
        if (window > 0) {
            return MovingAverage.smooth(values, window);
        }
        if (weight > 0) {
            return debiasedEma(values, weight);
        }
        return values.clone();
    }

    /**
     * TensorBoard's smoothing: {@code last = last·w + (1−w)·y; s = last / (1 − wⁿ)}, n counting the
     * finite points so far. A NaN or infinite point is passed through as it is and does not touch
     * {@code last}, so a diverged stretch shows as itself rather than poisoning the rest.
     */
    static double[] debiasedEma(double[] values, double weight) {
        double[] out = new double[values.length];
        double last = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            double y = values[i];
            if (!Double.isFinite(y)) {
                out[i] = y;
                continue;
            }
            last = last * weight + (1 - weight) * y;
            n++;
            out[i] = last / (1 - Math.pow(weight, n));
        }
        return out;
    }
}
